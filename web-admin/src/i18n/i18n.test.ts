import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import en from './en'
import zhCN from './zh-CN'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') {
      out.set(path, value)
    } else {
      flatten(value, path).forEach((v, k) => out.set(k, v))
    }
  }
  return out
}

const placeholders = (message: string): string[] => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort()

const zh = flatten(zhCN)
const english = flatten(en)

describe('i18n', () => {
  it('has an English message for every Chinese key', () => {
    expect([...zh.keys()].filter((key) => !english.has(key))).toEqual([])
  })

  it('has no English key that Chinese lacks', () => {
    expect([...english.keys()].filter((key) => !zh.has(key))).toEqual([])
  })

  it('has no empty message', () => {
    const empty = [...zh, ...english].filter(([, message]) => message.trim() === '').map(([key]) => key)
    expect(empty).toEqual([])
  })

  it('uses the same parameters in both languages', () => {
    const differing = [...zh].filter(([key, message]) => placeholders(message).join() !== placeholders(english.get(key) ?? '').join())
    expect(differing.map(([key]) => key)).toEqual([])
  })

  it('renders every message in both languages without leftover syntax', () => {
    const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en }, missingWarn: false })
    for (const locale of ['zh-CN', 'en'] as const) {
      i18n.global.locale.value = locale
      for (const [key, message] of locale === 'en' ? english : zh) {
        const params = Object.fromEntries(placeholders(message).map((p) => [p, 'X']))
        const text = i18n.global.t(key, params)
        expect(text, `${locale} ${key}`).not.toBe(key)
        expect(text, `${locale} ${key}`).not.toMatch(/[{}]/)
      }
    }
  })
})
