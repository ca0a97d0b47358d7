#!/usr/bin/env node
/**
 * Subsets Noto Sans SC to the characters the progress chart draws and writes it beside the
 * compiled renderer (dist/lib/quota/report/chart-font.ttf), so the PNG shows Chinese on any
 * server, with or without CJK fonts. Runs after `tsc`: the glyph list comes from the build.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const subsetFont = require('subset-font');

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'dist', 'lib', 'quota', 'report');
const outFile = path.join(outDir, 'chart-font.ttf');
const source = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

async function main() {
	const textModule = path.join(outDir, 'chartText.js');
	if (!fs.existsSync(textModule)) {
		throw new Error(`${path.relative(root, textModule)} is missing: compile first (npx tsc -p tsconfig.json)`);
	}
	const glyphs = require(textModule).chartGlyphs();
	const subset = await subsetFont(fs.readFileSync(source), glyphs, { targetFormat: 'truetype' });
	fs.writeFileSync(outFile, subset);
	console.log(`chart font: ${[...glyphs].length} characters, ${subset.length} bytes → ${path.relative(root, outFile)}`);
}

main().catch((error) => {
	console.error(error.message || error);
	process.exit(1);
});
