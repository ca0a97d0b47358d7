import type { INodeProperties } from 'n8n-workflow';

export const properties: INodeProperties[] = [
	{
		displayName: 'Claim Field',
		name: 'claimField',
		type: 'string',
		default: '',
		placeholder: 'e.g. data.claim',
		description:
			'Dotted path of the field that holds the claim (data for a 粤工惠 claim.submitted event); leave empty when the item itself is the claim',
	},
	{
		displayName: 'Plan Source',
		name: 'planSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Built-In Plans',
				value: 'builtIn',
				description: 'GD-NEWFORM-2021H2 to GD-NEWFORM-2025, the terms of 附件4',
			},
			{
				name: 'Plan JSON File',
				value: 'file',
				description: 'Plans read from a JSON file on the n8n server',
			},
			{
				name: 'Custom Plan JSON',
				value: 'json',
				description: 'Plans pasted here as JSON',
			},
		],
		default: 'builtIn',
		description: 'Which mutual-aid plans claims are judged by; each accident is judged under the plan whose coverage contains its date',
	},
	{
		displayName: 'Plan File Path',
		name: 'planFile',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. /data/plans/gd-newform-2026.json',
		description: 'Path of a JSON file with one plan, an array of plans or { "plans": [...] }',
		displayOptions: { show: { planSource: ['file'] } },
	},
	{
		displayName: 'Plan JSON',
		name: 'planJson',
		type: 'json',
		default:
			'{\n  "planId": "GD-NEWFORM-2026",\n  "coverageStart": "2026-01-01",\n  "coverageEnd": "2026-12-31",\n  "tiers": [\n    { "fromFen": 20000, "toFen": 50000, "payoutFen": 20000 },\n    { "fromFen": 50001, "toFen": 200000, "payoutFen": 50000 },\n    { "fromFen": 200001, "toFen": 500000, "payoutFen": 200000 },\n    { "fromFen": 500001, "toFen": 1000000, "payoutFen": 500000 },\n    { "fromFen": 1000001, "toFen": null, "payoutFen": 600000 }\n  ],\n  "annualCapFen": 1000000,\n  "expenseWindowDays": 180,\n  "filingWindowYears": 1,\n  "premiumFen": 2000,\n  "minHospitalLevel": 2,\n  "exclusions": ["EXCL_01", "EXCL_02", "EXCL_03", "EXCL_04", "EXCL_05", "EXCL_06", "EXCL_07", "EXCL_08", "EXCL_09", "EXCL_10", "EXCL_11", "EXCL_12", "EXCL_13"],\n  "requiredDocuments": ["invoiceOriginals", "accidentProof", "medicalRecords"]\n}',
		description: 'One plan, an array of plans or { "plans": [...] }; amounts in fen, tiers inclusive at both ends',
		displayOptions: { show: { planSource: ['json'] } },
	},
	{
		displayName: 'Keep Built-In Plans',
		name: 'keepBuiltIn',
		type: 'boolean',
		default: true,
		description:
			'Whether the built-in plans stay in use beside yours; a plan of yours with the same ID replaces the built-in one, and plans whose coverage overlaps are refused',
		displayOptions: { show: { planSource: ['file', 'json'] } },
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Claim With Decision',
				value: 'claimWithDecision',
				description: 'The input item with outcome, amounts, reasons, lines, deadlines and explanation added',
			},
			{
				name: 'Decision Only',
				value: 'decisionOnly',
				description: 'Only the decision fields, with the claim ID',
			},
		],
		default: 'claimWithDecision',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Rest-Day Calendar',
				name: 'calendar',
				type: 'json',
				default: '{\n  "holidays": [],\n  "workdays": []\n}',
				description:
					'Extra public holidays and adjusted working days (调休上班) as YYYY-MM-DD, added to the State Council arrangements built in for 2021–2026; they move the filing deadline off rest days',
			},
		],
	},
];
