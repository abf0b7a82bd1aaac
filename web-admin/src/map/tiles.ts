import { api } from '@/api'
import { ApiError } from '@/api/problem'

/**
 * Whether the tile routes exist: TileJSON of the composite layer, asked with the caller's token.
 * 'missing' on 404/405 (the routes are not merged yet, ADR 0051); any other failure is thrown.
 */
export async function probeCityTiles(): Promise<'available' | 'missing'> {
  try {
    await api.get('/api/v1/tiles/city.json')
    return 'available'
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) {
      return 'missing'
    }
    throw error
  }
}
