-- ltv_model_selection and customer_ltv tell one story: at most one chosen model, chosen exactly
-- when a model could be fitted, ranks without repeats, and every customer_ltv row predicted by
-- the chosen model (or none when there is none).
with chosen as (
	select
		count(*) filter (where chosen) as chosen_models,
		count(*) filter (where selection_method <> 'none') as rows_with_a_choice,
		count(rank) - count(distinct rank) as repeated_ranks,
		max(model) filter (where chosen) as chosen_model
	from {{ ref('ltv_model_selection') }}
),
customers as (
	select count(*) as customers_predicted_otherwise
	from {{ ref('customer_ltv') }}, chosen
	where purchase_model is distinct from chosen.chosen_model
)
select *
from chosen, customers
where chosen_models > 1
	or (chosen_models = 1) <> (rows_with_a_choice > 0)
	or repeated_ranks > 0
	or customers_predicted_otherwise > 0
