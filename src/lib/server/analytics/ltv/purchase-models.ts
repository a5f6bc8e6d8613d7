// The purchase-count models a company's LTV can be predicted with, behind one shape so
// that the model choice (model-selection.ts) and the forecasts (clv.ts) do not care
// which one they hold. Both have the parameters r, alpha (purchase rate ~ Gamma) and
// a, b (dropout probability ~ Beta); they differ in when a customer can drop out:
// BG/NBD only after a repeat purchase (so a one-time buyer is alive with probability 1,
// however long ago the purchase was), MBG/NBD after every purchase, the first included.

import { fitBgNbd, fitMbgNbd, type BgNbdFitOptions } from './bg-nbd-fit.ts';
import type { BgNbdData } from './bg-nbd-likelihood.ts';
import { expectedPurchasesIfAlive, mbgExpectedPurchasesIfAlive, mbgProbabilityAlive, probabilityAlive, probabilityOfPurchaseIfAlive } from './bg-nbd-predict.ts';
import type { BgNbdParams, FitReport } from './types.ts';

export const PURCHASE_MODEL_NAMES = ['bg_nbd', 'mbg_nbd'] as const;
export type PurchaseModelName = (typeof PURCHASE_MODEL_NAMES)[number];

export interface PurchaseModel {
	name: PurchaseModelName;
	/** How the literature writes it: BG/NBD, MBG/NBD. */
	label: string;
	/** Whether a customer without a repeat purchase can be gone (P(alive) < 1). */
	oneTimeBuyersCanDrop: boolean;
	fit(data: BgNbdData, options?: BgNbdFitOptions): FitReport<BgNbdParams>;
	probabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number;
	/** E[purchases in (T, T + t] | x, T, alive at T]; times P(alive) it is the conditional expectation. */
	expectedPurchasesIfAlive(params: BgNbdParams, t: number, x: number, T: number): number;
	/** P(at least one purchase in (T, T + t] | x, T, alive at T). */
	probabilityOfPurchaseIfAlive(params: BgNbdParams, t: number, x: number, T: number): number;
}

export const PURCHASE_MODELS: Readonly<Record<PurchaseModelName, PurchaseModel>> = {
	bg_nbd: {
		name: 'bg_nbd',
		label: 'BG/NBD',
		oneTimeBuyersCanDrop: false,
		fit: fitBgNbd,
		probabilityAlive,
		expectedPurchasesIfAlive,
		probabilityOfPurchaseIfAlive
	},
	mbg_nbd: {
		name: 'mbg_nbd',
		label: 'MBG/NBD',
		oneTimeBuyersCanDrop: true,
		fit: fitMbgNbd,
		probabilityAlive: mbgProbabilityAlive,
		expectedPurchasesIfAlive: mbgExpectedPurchasesIfAlive,
		probabilityOfPurchaseIfAlive
	}
};

/** E[Y(t) | x, t_x, T] under the model. */
export function conditionalPurchases(model: PurchaseModel, params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
	return t === 0 ? 0 : model.probabilityAlive(params, x, tx, T) * model.expectedPurchasesIfAlive(params, t, x, T);
}
