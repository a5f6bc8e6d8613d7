-- One row per SKU and future month: the SKU's forecast (int_sku_forecast_months: its own, or
-- its share of its category's long-tail forecast) with the product's name and category.
with

sku_forecasts as (

    select * from {{ ref('int_sku_forecast_months') }}

),

products as (

    select * from {{ ref('int_products') }}

),

final as (

    select
        sku_forecasts.sku,
        coalesce(products.product_name, sku_forecasts.sku) as product_name,
        coalesce(products.category, 'Без категории') as category,
        sku_forecasts.month,
        sku_forecasts.horizon_step,
        sku_forecasts.forecast_qty,
        sku_forecasts.lo80,
        sku_forecasts.hi80,
        sku_forecasts.lo95,
        sku_forecasts.hi95,
        sku_forecasts.model,
        sku_forecasts.method,
        sku_forecasts.forecast_basis,
        sku_forecasts.tail_share,
        sku_forecasts.regime,
        sku_forecasts.beats_seasonal_naive,
        sku_forecasts.clipped,
        sku_forecasts.relative_error
    from sku_forecasts
    left join products
        on sku_forecasts.sku = products.sku

)

select * from final
