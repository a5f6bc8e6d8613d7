import type { Rng } from './random.ts';

/**
 * Acquisition channels. Each brings a different kind of customer, which is what makes
 * their payback differ: VK brings many small one-off private buyers and loses money,
 * referrals and trade shows bring few loyal wholesale customers.
 */
export interface Channel {
	name: string;
	/** Share of new leads (before the monthly profile). */
	leadShare: number;
	/** Leads by month of year (Jan..Dec); trade shows happen in February and October. */
	leadSeason: readonly number[];
	/** Mix of new counterparties: company, sole trader, private person. */
	kinds: readonly [number, number, number];
	/** Share of first deals won. */
	conversion: number;
	/** Mean purchases per year of a customer, and the Gamma shape of its heterogeneity. */
	rate: number;
	rateShape: number;
	/** Mean chance to stop buying after a purchase (Beta distributed, concentration 6). */
	dropout: number;
	/** Order size multiplier. */
	size: number;
	/** Monthly spend at scale 1 in rubles, and extra in trade-show months. */
	spend: number;
	spendPeak: number;
	/** Cost per click for paid online channels (clicks and impressions are reported). */
	cpc: number | null;
	ctr: number;
}

const FLAT = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
const SHOWS = [0.5, 4.2, 0.9, 0.4, 0.3, 0.2, 0.2, 0.3, 0.6, 4.0, 0.8, 0.3];

export const CHANNELS: readonly Channel[] = [
	{ name: 'Яндекс Директ', leadShare: 0.3, leadSeason: FLAT, kinds: [0.45, 0.15, 0.4], conversion: 0.24, rate: 5, rateShape: 0.8, dropout: 0.18, size: 1.3, spend: 300_000, spendPeak: 0, cpc: 48, ctr: 0.031 },
	{ name: 'VK Реклама', leadShare: 0.16, leadSeason: FLAT, kinds: [0.06, 0.08, 0.86], conversion: 0.12, rate: 0.8, rateShape: 0.6, dropout: 0.7, size: 0.3, spend: 230_000, spendPeak: 0, cpc: 31, ctr: 0.012 },
	{ name: 'SEO/Органика', leadShare: 0.22, leadSeason: FLAT, kinds: [0.4, 0.15, 0.45], conversion: 0.26, rate: 5, rateShape: 0.8, dropout: 0.18, size: 1.2, spend: 110_000, spendPeak: 0, cpc: null, ctr: 0 },
	{ name: 'Рекомендации', leadShare: 0.08, leadSeason: FLAT, kinds: [0.8, 0.15, 0.05], conversion: 0.45, rate: 12, rateShape: 1.5, dropout: 0.06, size: 1.8, spend: 45_000, spendPeak: 0, cpc: null, ctr: 0 },
	{ name: 'Выставки', leadShare: 0.06, leadSeason: SHOWS, kinds: [0.92, 0.08, 0], conversion: 0.3, rate: 10, rateShape: 1.2, dropout: 0.07, size: 2.4, spend: 35_000, spendPeak: 850_000, cpc: null, ctr: 0 },
	{ name: 'Авито', leadShare: 0.18, leadSeason: FLAT, kinds: [0.12, 0.3, 0.58], conversion: 0.3, rate: 2, rateShape: 0.7, dropout: 0.5, size: 0.6, spend: 45_000, spendPeak: 0, cpc: 22, ctr: 0.024 }
];

/** Customers who came before the demo's first month were mostly won by word of mouth and shows. */
export const LEGACY_CHANNEL_WEIGHTS = [0.25, 0.05, 0.2, 0.25, 0.2, 0.05];

export interface MonthSpend {
	spend: number;
	impressions: number | null;
	clicks: number | null;
}

/** Spend of a channel in a month (kopecks), growing with the business, ±10% noise. */
export function monthSpend(channel: Channel, monthOfYear: number, trend: number, scale: number, rng: Rng): MonthSpend {
	const base = channel.spend * trend * (0.9 + 0.2 * rng.float());
	const peak = channel.leadSeason[monthOfYear - 1] > 2 ? channel.spendPeak * (0.85 + 0.3 * rng.float()) : 0;
	const rublesSpent = Math.round((base + peak) * scale / 100) * 100 + rng.int(100);
	if (!channel.cpc) return { spend: rublesSpent * 100, impressions: null, clicks: null };
	const clicks = Math.round(rublesSpent / (channel.cpc * (0.85 + 0.3 * rng.float())));
	return { spend: rublesSpent * 100, impressions: Math.round(clicks / (channel.ctr * (0.9 + 0.2 * rng.float()))), clicks };
}
