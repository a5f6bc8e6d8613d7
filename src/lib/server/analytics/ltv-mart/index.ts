// Glue between the model runner and the LTV library for the customer_ltv, ltv_model_params
// and ltv_model_selection marts (the model files in models/marts/customers stay thin).

export { buildCustomerLtv, ltvFitsFor, CUSTOMER_LTV_COLUMNS } from './customer-ltv-model.ts';
export { buildLtvModelParams, LTV_MODEL_PARAMS_COLUMNS } from './ltv-params-model.ts';
export { buildLtvModelSelection, LTV_MODEL_SELECTION_COLUMNS } from './ltv-selection-model.ts';
export { readLtvSettings, LTV_PERIOD_DAYS, LTV_TIME_UNIT_DAYS, type LtvSettings } from './settings.ts';
