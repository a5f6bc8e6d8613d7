-- One row per item (SKU or category, `level`) ever sold: ABC class by revenue and by gross
-- profit and XYZ class by the coefficient of variation of monthly quantity, over the
-- analysis window — the last var('xyz_months') full months of the data (int_data_calendar;
-- fewer when the data is younger). Ranked within each level.
--
-- ABC: items sorted by the measure, descending (ties by item code); an item is A while
-- the share of the items BEFORE it is below abc_a_share, so the item that reaches or
-- crosses 80 % is still A; B likewise up to abc_b_share; the rest C. Compared in
-- exact decimals, so an item ending exactly on 80 % is A and the next one B.
-- By gross profit likewise. Revenue and gross profit are net of returns (int_monthly_demand):
-- an item with no positive net revenue (or profit) is C, and shares are of the level's
-- positive total, so an item that took back more than it sold neither shrinks the total nor
-- pulls a cumulative share back.
-- XYZ: population std / mean of monthly quantity (net of returns) over the window months
-- since the item's first sale — a month without sales is 0, a month before the item existed
-- is not counted (a new item is not erratic for being new); X when cv <= xyz_x_cv, Y when
-- <= xyz_y_cv, else Z. Z too when fewer than xyz_min_months months are measured (too new to
-- call steady) or the mean is not above 0 (cv null). Why the thresholds are 0.5 and 1.0 and
-- not 10 % and 25 %: see the model's YAML and oborot.yml.
with

sales as (

    select * from {{ ref('int_sales_lines') }}

),

monthly_demand as (

    select * from {{ ref('int_monthly_demand') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

window_bounds as (

    select
        greatest(first_sale_month, (last_full_month - to_months({{ var('xyz_months') }} - 1))::date) as window_start,
        last_full_month as window_end
    from calendar
    where first_sale_month <= last_full_month

),

analysis_window as (

    select
        *,
        (date_diff('month', window_start, window_end) + 1)::integer as window_months
    from window_bounds

),

-- every SKU and category ever sold: one with no sales in the window still gets its row
items as (

    select distinct 'sku' as level, sku as item from sales where sku is not null
    union all
    select distinct 'category' as level, category as item from sales

),

window_sums as (

    select
        monthly_demand.level,
        monthly_demand.item,
        sum(monthly_demand.revenue) as revenue,
        sum(monthly_demand.gross_profit) as gross_profit,
        sum(monthly_demand.qty) as qty,
        sum(monthly_demand.qty * monthly_demand.qty) as qty_squared,
        count(*) filter (where monthly_demand.has_sales) as months_with_sales,
        -- int_monthly_demand starts at the item's first sale month
        count(*) as xyz_months
    from monthly_demand
    inner join analysis_window
        on monthly_demand.month between analysis_window.window_start and analysis_window.window_end
    group by 1, 2

),

item_totals as (

    select
        items.level,
        items.item,
        analysis_window.window_start,
        analysis_window.window_end,
        analysis_window.window_months,
        coalesce(window_sums.revenue, 0) as revenue,
        coalesce(window_sums.gross_profit, 0) as gross_profit,
        coalesce(window_sums.qty, 0) as qty,
        coalesce(window_sums.months_with_sales, 0) as months_with_sales,
        coalesce(window_sums.xyz_months, 0) as xyz_months,
        coalesce(window_sums.qty, 0)::double / nullif(window_sums.xyz_months, 0) as mean_monthly_qty,
        -- population variance = E[q²] − E[q]² over the months measured
        sqrt(greatest(
            window_sums.qty_squared::double / nullif(window_sums.xyz_months, 0)
                - (window_sums.qty::double / nullif(window_sums.xyz_months, 0)) ^ 2,
            0
        )) as std_monthly_qty
    from items
    cross join analysis_window
    left join window_sums
        on items.level = window_sums.level
        and items.item = window_sums.item

),

by_revenue as (

    select
        *,
        row_number() over (partition by level order by revenue desc, item) as revenue_rank,
        greatest(revenue, 0) as positive_revenue,
        sum(greatest(revenue, 0)) over (partition by level) as level_positive_revenue,
        coalesce(sum(greatest(revenue, 0)) over (
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
            when revenue <= 0 then 'C'
            when revenue_before < {{ var('abc_a_share') }} * level_positive_revenue then 'A'
            when revenue_before < {{ var('abc_b_share') }} * level_positive_revenue then 'B'
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
        case when level_positive_revenue > 0 then revenue / level_positive_revenue end as revenue_share,
        case
            when level_positive_revenue > 0 then (revenue_before + positive_revenue) / level_positive_revenue
        end as cumulative_revenue_share,
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
        xyz_months,
        mean_monthly_qty,
        std_monthly_qty,
        demand_cv,
        case
            when demand_cv is null or xyz_months < {{ var('xyz_min_months') }} then 'Z'
            when demand_cv <= {{ var('xyz_x_cv') }} then 'X'
            when demand_cv <= {{ var('xyz_y_cv') }} then 'Y'
            else 'Z'
        end as xyz_class
    from classified

)

select * from final
