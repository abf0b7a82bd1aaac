#!/usr/bin/env python3
"""Rewrites the README's configuration table from backend/.../ConfigKey.java (ReadmeTest checks them)."""
import re, pathlib
root = pathlib.Path(__file__).resolve().parent.parent
src = (root / 'backend/src/main/java/cn/citygrid/backend/config/ConfigKey.java').read_text()
rows = []
for name, key, default, desc in re.findall(r'^  ([A-Z0-9_]+)\("([^"]+)", "([^"]*)", "((?:[^"\\]|\\.)*)"\)', src, re.M):
    env = 'GRID_' + key.upper().replace('.', '_').replace('-', '_')
    rows.append(f'| `{env}` | `{key}` | {"`" + default + "`" if default else "—"} | {desc} |')
readme = root / 'README.md'
text = readme.read_text()
head = '| variable | YAML key | default | meaning |\n|---|---|---|---|\n'
start = text.index(head) + len(head)
end = text.index('\n\n', start)
readme.write_text(text[:start] + '\n'.join(rows) + text[end:])
