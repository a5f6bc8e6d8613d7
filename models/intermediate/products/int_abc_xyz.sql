-- One row per item (SKU or category, `level`) over the analysis window of
-- int_monthly_demand: ABC class by revenue and by gross profit, XYZ class by the
-- coefficient of variation of monthly quantity. Ranked within each level.
--
-- ABC: items sorted by the measure, descending (ties by item code); an item is A while
-- the share of the items BEFORE it is below abc_a_share, so the item that reaches or
-- crosses 80 % is still A; B likewise up to abc_b_share; the rest C. Compared in
-- exact decimals, so an item ending exactly on 80 % is A and the next one B.
-- By gross profit, items with no positive profit are C and shares are of the positive total.
-- XYZ: population std / mean of monthly quantity (months without sales are 0); X when
-- cv <= xyz_x_cv, Y when <= xyz_y_cv, else Z. No sales in the window: cv null, class Z.
with

monthly_demand as (

    select * from {{ ref('int_monthly_demand') }}

),

item_totals as (

    select
        level,
        item,
        sum(revenue) as revenue,
        sum(gross_profit) as gross_profit,
        sum(qty) as qty,
        min(month) as window_start,
        max(month) as window_end,
        count(*) as window_months,
        count(*) filter (where has_sales) as months_with_sales,
        avg(qty) as mean_monthly_qty,
        stddev_pop(qty) as std_monthly_qty
    from monthly_demand
    group by level, item

),

by_revenue as (

    select
        *,
        row_number() over (partition by level order by revenue desc, item) as revenue_rank,
        sum(revenue) over (partition by level) as level_revenue,
        coalesce(sum(revenue) over (
            partition by level order by revenue desc, item
            rows between unbounded preceding and 1 preceding
        ), 0) as revenue_before
    from item_totals

),

by_gross_profit as (

    select
        *,
        greatest(gross_profit, 0) as positive_gross_profit,
        sum(greatest(gross_profit, 0)) over (partition by level) as level_positive_gross_profit,
        coalesce(sum(greatest(gross_profit, 0)) over (
            partition by level order by gross_profit desc, item
            rows between unbounded preceding and 1 preceding
        ), 0) as gross_profit_before
    from by_revenue

),

classified as (

    select
        *,
        case
            when revenue_before < {{ var('abc_a_share') }} * level_revenue then 'A'
            when revenue_before < {{ var('abc_b_share') }} * level_revenue then 'B'
            else 'C'
        end as abc_class,
        case
            when gross_profit <= 0 then 'C'
            when gross_profit_before < {{ var('abc_a_share') }} * level_positive_gross_profit then 'A'
            when gross_profit_before < {{ var('abc_b_share') }} * level_positive_gross_profit then 'B'
            else 'C'
        end as abc_class_gp,
        case when mean_monthly_qty > 0 then round(std_monthly_qty / mean_monthly_qty, 6) end as demand_cv
    from by_gross_profit

),

final as (

    select
        level,
        item,
        window_start,
        window_end,
        window_months,
        revenue,
        case when level_revenue > 0 then revenue / level_revenue end as revenue_share,
        case when level_revenue > 0 then (revenue_before + revenue) / level_revenue end as cumulative_revenue_share,
        revenue_rank,
        abc_class,
        gross_profit,
        case when level_positive_gross_profit > 0 then gross_profit / level_positive_gross_profit end as gross_profit_share,
        case
            when level_positive_gross_profit > 0 then (gross_profit_before + positive_gross_profit) / level_positive_gross_profit
        end as cumulative_gross_profit_share,
        abc_class_gp,
        qty,
        months_with_sales,
        mean_monthly_qty,
        std_monthly_qty,
        demand_cv,
        case
            when demand_cv is null then 'Z'
            when demand_cv <= {{ var('xyz_x_cv') }} then 'X'
            when demand_cv <= {{ var('xyz_y_cv') }} then 'Y'
            else 'Z'
        end as xyz_class
    from classified

)

select * from final
