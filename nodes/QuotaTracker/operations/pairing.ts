import type { IPairedItemData } from 'n8n-workflow';

/** pairedItem for an output made from one or several input items. */
export function pairedTo(indexes: number[]): IPairedItemData | IPairedItemData[] {
	return indexes.length === 1 ? { item: indexes[0] } : indexes.map((item) => ({ item }));
}
