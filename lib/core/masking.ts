/** Masking of personal information (PIPL) for anything a human sees: SPEC §1. */

import { textOf } from './text';

const COMPOUND_SURNAMES = new Set(
	(
		'欧阳 太史 端木 上官 司马 东方 独孤 南宫 万俟 闻人 夏侯 诸葛 尉迟 公羊 赫连 澹台 皇甫 宗政 濮阳 公冶 ' +
		'太叔 申屠 公孙 慕容 仲孙 钟离 长孙 宇文 司徒 鲜于 司空 闾丘 子车 亓官 司寇 巫马 公西 颛孙 壤驷 公良 ' +
		'漆雕 乐正 宰父 谷梁 拓跋 夹谷 轩辕 令狐 段干 百里 呼延 东郭 南门 羊舌 微生 公户 公玉 公仪 梁丘 公仲 ' +
		'公上 公门 公山 公坚 左丘 公伯 西门 公祖 第五 公乘 贯丘 公皙 南荣 东里 东宫 仲长 子书 子桑 即墨 达奚 ' +
		'褚师 吴铭'
	).split(' '),
);

function stars(n: number): string {
	return '*'.repeat(Math.max(0, n));
}

/** `440***********123X`: first 3 and last 4 kept. */
export function maskIdNumber(id: unknown): string {
	const text = textOf(id).trim();
	if (text.length <= 7) return stars(text.length);
	return text.slice(0, 3) + stars(text.length - 7) + text.slice(-4);
}

/** `138****5678`. */
export function maskPhone(phone: unknown): string {
	const digits = textOf(phone).replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
	if (digits.length <= 7) return stars(digits.length);
	return digits.slice(0, 3) + stars(digits.length - 7) + digits.slice(-4);
}

/** `**** **** **** 1234`. */
export function maskBankAccount(account: unknown): string {
	const digits = textOf(account).replace(/[\s-]/g, '');
	if (digits.length <= 4) return '**** **** **** ' + stars(digits.length);
	return '**** **** **** ' + digits.slice(-4);
}

/**
 * `张*`, `欧阳**`, `买**·**`: the surname kept (compound surnames recognised), one `*` per hidden
 * character, `·` kept. Latin names keep the first letter of each part.
 */
export function maskName(name: unknown): string {
	const text = textOf(name).trim();
	if (!text) return '';
	if (/^[\p{Script=Latin}\s.'-]+$/u.test(text)) {
		return text
			.split(/(\s+)/)
			.map((part) => (/^\s+$/.test(part) ? part : part.slice(0, 1) + stars([...part].length - 1)))
			.join('');
	}
	const chars = [...text];
	const keep = chars.length > 2 && COMPOUND_SURNAMES.has(chars[0] + chars[1]) ? 2 : 1;
	if (chars.length === 1) return '*';
	return chars.map((ch, i) => (i < keep || ch === '·' || ch === '•' || ch === ' ' ? ch : '*')).join('');
}

const ID_IN_TEXT = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])|(?<![\dA-Za-z])\d{15}(?![\dA-Za-z])/g;
const PHONE_IN_TEXT = /(?<![\d])(?:\+86[\s-]?|0086[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?![\d])/g;
// Digits written whole or in groups of four (6222 0212 3456 7890); not record ids such as ORG-440900-000001.
const ACCOUNT_IN_TEXT = /(?<![\dA-Za-z-])\d(?: ?\d){11,18}(?![\dA-Za-z-])/g;

/**
 * Every pattern above needs at least 11 digits with at most one character between neighbours, so a
 * text without such a run needs none of the (costly, look-behind) scans.
 */
function mayHoldNumbers(text: string): boolean {
	let run = 0;
	let gap = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c >= 48 && c <= 57) {
			if (++run >= 11) return true;
			gap = 0;
		} else if (++gap > 1) {
			run = 0;
		}
	}
	return false;
}

export interface MaskTextOptions {
	/** Names to mask wherever they appear (names cannot be recognised in free text otherwise). */
	names?: readonly string[];
}

/**
 * Masks every ID number, mobile number and bank-account-like digit run in free text, and the
 * names given. Already-masked values pass through unchanged.
 */
export function maskText(text: string, options: MaskTextOptions = {}): string {
	let out = mayHoldNumbers(text)
		? text
				.replace(ID_IN_TEXT, (m) => maskIdNumber(m))
				.replace(PHONE_IN_TEXT, (m) => maskPhone(m))
				.replace(ACCOUNT_IN_TEXT, (m) => maskBankAccount(m))
		: text;
	const names = [...(options.names ?? [])].filter((n) => typeof n === 'string' && n.trim().length > 1);
	names.sort((a, b) => b.length - a.length);
	for (const name of names) out = out.split(name.trim()).join(maskName(name));
	return out;
}

/** What in a text still looks like a full ID number, mobile number or bank account. */
export function findUnmaskedPersonalData(text: string): string[] {
	const found: string[] = [];
	let rest = text;
	for (const pattern of [ID_IN_TEXT, PHONE_IN_TEXT, ACCOUNT_IN_TEXT]) {
		rest = rest.replace(pattern, (match) => {
			found.push(match);
			return ' ';
		});
	}
	return found;
}
