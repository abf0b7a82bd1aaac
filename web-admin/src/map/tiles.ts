import { api } from '@/api'
import { ApiError } from '@/api/problem'

/** West, south, east, north of what the tiles cover (TileJSON `bounds`), once a probe found them. */
export let cityBounds: [number, number, number, number] | null = null

/**
 * Whether the tile routes exist: TileJSON of the composite layer, asked with the caller's token.
 * 'missing' on 404/405 (the routes are not merged yet, ADR 0051); any other failure is thrown.
 */
export async function probeCityTiles(): Promise<'available' | 'missing'> {
  try {
    const tileJson = await api.get<{ bounds?: number[] }>('/api/v1/tiles/city.json')
    cityBounds = tileJson?.bounds?.length === 4 ? (tileJson.bounds as [number, number, number, number]) : null
    return 'available'
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) {
      return 'missing'
    }
    throw error
  }
}
