-- ltv_model_params says which purchase model customer_ltv predicts with: exactly one chosen
-- purchase model whenever one was fitted on the whole history (none when none was), the one
-- ltv_model_selection chose and customer_ltv.purchase_model on every row, fitted (status ok);
-- every candidate of ltv_model_selection has its rows; Gamma-Gamma is chosen exactly when fitted.
with purchase_fits as (
	select
		model,
		bool_and(chosen) as chosen,
		bool_or(chosen) <> bool_and(chosen) as chosen_on_some_rows_only,
		bool_and(status = 'ok') as fitted
	from {{ ref('ltv_model_params') }}
	where model <> 'gamma_gamma'
	group by model
),
params as (
	select
		count(*) filter (where chosen) as chosen_models,
		count(*) filter (where fitted) as fitted_models,
		count(*) filter (where chosen and not fitted) as chosen_unfitted,
		count(*) filter (where chosen_on_some_rows_only) as split_models,
		max(model) filter (where chosen) as chosen_model
	from purchase_fits
),
spend as (
	select count(*) as spend_rows_chosen_otherwise
	from {{ ref('ltv_model_params') }}
	where model = 'gamma_gamma' and chosen <> (status = 'ok')
),
selection as (
	select
		max(model) filter (where chosen) as selected_model,
		count(*) filter (where model not in (select model from purchase_fits)) as candidates_without_rows
	from {{ ref('ltv_model_selection') }}
),
customers as (
	select count(*) filter (where purchase_model is distinct from (select chosen_model from params)) as customers_predicted_otherwise
	from {{ ref('customer_ltv') }}
)
select *
from params, spend, selection, customers
where chosen_models <> least(fitted_models, 1)
	or chosen_unfitted > 0
	or split_models > 0
	or spend_rows_chosen_otherwise > 0
	or chosen_model is distinct from selected_model
	or candidates_without_rows > 0
	or customers_predicted_otherwise > 0
