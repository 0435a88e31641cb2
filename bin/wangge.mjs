#!/usr/bin/env node
// The `wangge` command. TypeScript runs through tsx's loader, so a fresh clone needs no compile step.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli.ts')
