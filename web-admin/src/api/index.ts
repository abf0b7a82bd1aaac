import { i18n, acceptLanguage } from '@/i18n'
import { ApiClient } from './client'
import type { FallbackTexts } from './problem'
import { TokenStore } from './tokens'

function sessionStorageOrNull(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null
  } catch {
    return null
  }
}

function fallbackTexts(): FallbackTexts {
  const t = i18n.global.t
  return {
    networkTitle: t('errors.networkTitle'),
    networkDetail: t('errors.networkDetail'),
    unexpectedTitle: t('errors.unexpectedTitle'),
    unexpectedDetail: (status) => t('errors.unexpectedDetail', { status }),
  }
}

/** The tab's tokens and the one API client every page uses. */
export const tokens = new TokenStore(sessionStorageOrNull())

export const api = new ApiClient({ tokens, texts: fallbackTexts, acceptLanguage })
