/**
 * A PII scan for anything the package sent to humans (sink messages, report texts): fails when a
 * text still holds a full ID number, mobile number or bank account, or one of the given names.
 */
import { findUnmaskedPersonalData, maskIdNumber } from '../../lib/core/masking';

export interface PiiScanOptions {
	/** Names that must not appear unmasked either. */
	names?: readonly string[];
}

export function personalDataIn(texts: readonly string[], options: PiiScanOptions = {}): Array<{ index: number; found: string }> {
	const findings: Array<{ index: number; found: string }> = [];
	texts.forEach((text, index) => {
		for (const found of findUnmaskedPersonalData(String(text ?? ''))) findings.push({ index, found });
		for (const name of options.names ?? []) if (name.trim().length > 1 && String(text).includes(name.trim())) findings.push({ index, found: name });
	});
	return findings;
}

export function assertNoPersonalData(texts: readonly string[], options: PiiScanOptions = {}): void {
	const findings = personalDataIn(texts, options);
	if (findings.length === 0) return;
	// The failure message itself shows the findings masked.
	const list = findings.map((f) => `text #${f.index}: ${maskIdNumber(f.found)}`).join('\n');
	throw new Error(`Unmasked personal data in ${new Set(findings.map((f) => f.index)).size} of ${texts.length} texts:\n${list}`);
}
