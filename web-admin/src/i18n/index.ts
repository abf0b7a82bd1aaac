import { computed } from 'vue'
import { createI18n } from 'vue-i18n'
import zhCN, { type Messages } from './zh-CN'
import en from './en'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]

const STORAGE_KEY = 'citygrid.locale'

declare module 'vue-i18n' {
  // Typed message keys for t(): a key that does not exist in zh-CN.ts is a compile error.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends Messages {}
}

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** Chinese unless the user chose English before (remembered per browser, not per account). */
function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY)
    return isLocale(saved) ? saved : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export const locale = computed<Locale>(() => i18n.global.locale.value)

export function setLocale(next: Locale): void {
  i18n.global.locale.value = next
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next)
  } catch {
    // storage disabled: the choice lasts for this page only
  }
  if (typeof document !== 'undefined') {
    document.documentElement.lang = next
  }
}

/** What the API client sends, so problem+json texts come back in the UI's language. */
export function acceptLanguage(): string {
  return i18n.global.locale.value === 'en' ? 'en, zh;q=0.5' : 'zh-CN, zh;q=0.9, en;q=0.5'
}
