import { readFileSync } from 'node:fs'
import { DOMParser } from '@xmldom/xmldom'
import { describe, expect, it } from 'vitest'
import { previewRows, sortVersions } from './preview'
import { declaredVersion, publishErrors } from './publish'
import { languageFor, readXForm } from './xform'

const parser = new DOMParser() as unknown as { parseFromString(text: string, type: 'text/xml'): Document }
const eventReport = readFileSync(new URL('../../../field-forms/src/main/resources/forms/event-report.xml', import.meta.url), 'utf8')

/** Relative refs inside a group, an inline label, a repeat, and ODK-style language names. */
const SMALL = `<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa">
  <h:head><h:title>小表单</h:title><model>
    <itext>
      <translation lang="中文 (zh)"><text id="q1"><value>姓名</value><value form="image">jr://images/a.png</value></text></translation>
      <translation lang="English (en)"><text id="q1"><value>Name</value></text></translation>
    </itext>
    <instance><root id="small" version="1"><g><name/><age/></g><kids><kid/></kids></root></instance>
  </model></h:head>
  <h:body>
    <group ref="/root/g">
      <input ref="name"><label ref="jr:itext('q1')"/><hint>Family name first</hint></input>
      <input ref="./age"><label>年龄 Age</label></input>
    </group>
    <group ref="/root/kids"><label>孩子</label><repeat nodeset="/root/kids"><input ref="kid"/></repeat></group>
  </h:body>
</h:html>`

describe('readXForm', () => {
  it('reads labels, hints and choices in every language, keyed by payload path', () => {
    const form = readXForm(eventReport, parser)
    expect(form?.title).toBe('事件上报')
    expect(form?.languages).toEqual(['zh-CN', 'en'])
    const category = form?.questions.get('/event/category')
    expect(category?.control).toBe('select1')
    expect(category?.label).toEqual({ 'zh-CN': '事件类别', en: 'Category' })
    expect(category?.items[0]).toEqual({ value: 'environment', label: { 'zh-CN': '环境卫生', en: 'Environment and sanitation' } })
    expect(form?.questions.get('/media/photo_1')?.control).toBe('upload')
    expect(form?.questions.get('/event')?.label['en']).toBe('Event')
  })

  it('resolves relative refs against the group, keeps inline labels and plain itext values', () => {
    const form = readXForm(SMALL, parser)
    expect(form?.questions.get('/g/name')?.label).toEqual({ '中文 (zh)': '姓名', 'English (en)': 'Name' })
    expect(form?.questions.get('/g/name')?.hint).toEqual({ '': 'Family name first' })
    expect(form?.questions.get('/g/age')?.label).toEqual({ '': '年龄 Age' })
    expect(form?.questions.get('/kids')?.label).toEqual({ '': '孩子' })
    expect(form?.questions.get('/kids/kid')?.control).toBe('input')
  })

  it('returns null for text that is not XML', () => {
    const quiet = new DOMParser({ onError: () => {} }) as unknown as typeof parser
    expect(readXForm('<h:html><oops', quiet)).toBeNull()
  })
})

describe('languageFor', () => {
  it('matches tags, prefixed tags and ODK "Name (code)" languages', () => {
    expect(languageFor(['zh-CN', 'en'], 'zh')).toBe('zh-CN')
    expect(languageFor(['zh-CN', 'en'], 'en')).toBe('en')
    expect(languageFor(['中文 (zh)', 'English (en)'], 'zh')).toBe('中文 (zh)')
    expect(languageFor(['English', 'French (fr)'], 'en')).toBe('English')
    expect(languageFor(['fr'], 'en')).toBeUndefined()
  })
})

describe('previewRows', () => {
  it('puts the XForm labels on the fields from /fields, in their order, with depth', () => {
    const form = readXForm(eventReport, parser)
    const rows = previewRows(
      [
        { path: '/event', kind: 'group', type: null, choices: [], calculated: false },
        { path: '/event/urgency', kind: 'answer', type: 'string', choices: ['normal', 'urgent', 'critical'], calculated: false },
        { path: '/photo_count', kind: 'answer', type: 'int', choices: [], calculated: true },
      ],
      form,
    )
    expect(rows.map((r) => [r.path, r.depth, r.zh, r.en, r.control])).toEqual([
      ['/event', 0, '事件', 'Event', 'group'],
      ['/event/urgency', 1, '紧急程度', 'Urgency', 'select1'],
      ['/photo_count', 0, '', '', null],
    ])
    expect(rows[1]?.choices[1]).toEqual({ value: 'urgent', zh: '紧急', en: 'Urgent' })
  })

  it('falls back to the values from /fields when the XForm could not be read', () => {
    const rows = previewRows([{ path: '/a', kind: 'answer', type: 'string', choices: ['x'], calculated: false }], null)
    expect(rows[0]?.choices).toEqual([{ value: 'x', zh: '', en: '' }])
  })
})

describe('sortVersions', () => {
  it('orders by form, newest version first', () => {
    const v = (formId: string, publishedAt: string) => ({ formId, publishedAt })
    expect(sortVersions([v('b', '1'), v('a', '1'), v('a', '2')])).toEqual([v('a', '2'), v('a', '1'), v('b', '1')])
  })
})

describe('declaredVersion', () => {
  it('reads id and version from the instance root, whatever the attribute order', () => {
    expect(declaredVersion(eventReport)).toEqual({ formId: 'event-report', version: '2026112701' })
    expect(declaredVersion('<instance>\n <!-- x --> <d version="3" id="a.b"/></instance>')).toEqual({ formId: 'a.b', version: '3' })
    expect(declaredVersion('<instance><d id="a"/></instance>')).toBeNull()
  })
})

describe('publishErrors', () => {
  it('lists field errors with their fields and keeps the rest of the problem for the alert', () => {
    const problem = {
      type: 'urn:citygrid:problem:form-invalid',
      title: '表单无效',
      status: 422,
      detail: 'bind 不存在',
      errors: [{ field: '/data/x', code: 'type', message: '类型未知' }],
    }
    expect(publishErrors(problem)).toEqual({ fields: [{ field: '/data/x', message: '类型未知' }], rest: { ...problem, errors: [] } })
  })
})
