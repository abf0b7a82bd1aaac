import { api } from '@/api'
import { ApiError } from '@/api/problem'

/**
 * Whether the tile routes exist: TileJSON of the composite layer, asked with the caller's token, with
 * what the tiles cover (west, south, east, north) when it says. 'missing' on 404/405 (the routes are
 * not there, ADR 0051); any other failure is thrown.
 */
export type CityTiles = { status: 'available'; bounds: Bounds | null } | { status: 'missing' }
export type Bounds = [number, number, number, number]

export async function probeCityTiles(): Promise<CityTiles> {
  try {
    const tileJson = await api.get<{ bounds?: number[] }>('/api/v1/tiles/city.json')
    return { status: 'available', bounds: tileJson?.bounds?.length === 4 ? (tileJson.bounds as Bounds) : null }
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) {
      return { status: 'missing' }
    }
    throw error
  }
}
