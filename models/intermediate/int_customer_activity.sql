-- One row per resolved customer that did anything: first and last purchase, last payment,
-- invoice, deal and CRM activity (dim_customer judges them against int_data_calendar's
-- as-of date). A purchase is a sales line that is not a return: a return document is no
-- purchase and does not make a customer recent.
with

sales as (

    select * from {{ ref('stg_accounting__sales') }}

),

sales_customers as (

    select * from {{ ref('int_sales_customers') }}

),

payment_customers as (

    select * from {{ ref('int_payment_customers') }}

),

invoices as (

    select * from {{ ref('stg_payments__invoices') }}

),

invoice_customers as (

    select * from {{ ref('int_invoice_customers') }}

),

deals as (

    select * from {{ ref('stg_crm__deals') }}

),

deal_stages as (

    select * from {{ ref('stg_crm__deal_stages') }}

),

deal_customers as (

    select * from {{ ref('int_deal_customers') }}

),

activities as (

    select * from {{ ref('stg_crm__activities') }}

),

activity_customers as (

    select * from {{ ref('int_activity_customers') }}

),

customer_records as (

    select * from {{ ref('int_customer_records') }}

),

purchases as (

    select
        sales_customers.customer_id,
        min(sales.sold_on) as first_purchase_on,
        max(sales.sold_on) as last_purchase_on,
        count(distinct sales.doc_no) as purchase_docs
    from sales
    inner join sales_customers
        on sales.sales_line_id = sales_customers.sales_line_id
    where not sales.is_return
    group by 1

),

-- a return is no purchase, but the customer was in touch
returns as (

    select
        sales_customers.customer_id,
        max(sales.sold_on) as last_return_on
    from sales
    inner join sales_customers
        on sales.sales_line_id = sales_customers.sales_line_id
    where sales.is_return
    group by 1

),

payments as (

    select
        customer_id,
        max(paid_on) as last_payment_on,
        count(*) as payments
    from payment_customers
    where customer_id is not null
    group by 1

),

invoiced as (

    select
        invoice_customers.customer_id,
        max(invoices.issued_on) as last_invoice_on
    from invoices
    inner join invoice_customers
        on invoices.invoice_no = invoice_customers.invoice_no
    group by 1

),

deal_dates as (

    select deal_id, created_at as happened_at from deals
    union all
    select deal_id, closed_at from deals where closed_at is not null
    union all
    select deal_id, entered_at from deal_stages

),

deal_activity as (

    select
        deal_customers.customer_id,
        max(deal_dates.happened_at)::date as last_deal_on,
        count(distinct deal_dates.deal_id) as deals
    from deal_dates
    inner join deal_customers
        on deal_dates.deal_id = deal_customers.deal_id
    where deal_customers.customer_id is not null
    group by 1

),

won_deals as (

    select
        deal_customers.customer_id,
        count(*) as won_deals
    from deals
    inner join deal_customers
        on deals.deal_id = deal_customers.deal_id
    where deals.deal_status = 'won'
        and deal_customers.customer_id is not null
    group by 1

),

crm_activity as (

    select
        activity_customers.customer_id,
        max(coalesce(activities.done_at, activities.created_at))::date as last_activity_on
    from activities
    inner join activity_customers
        on activities.activity_id = activity_customers.activity_id
    where activity_customers.customer_id is not null
    group by 1

),

customers as (

    select distinct customer_id from customer_records

),

final as (

    select
        customers.customer_id,
        purchases.first_purchase_on,
        purchases.last_purchase_on,
        coalesce(purchases.purchase_docs, 0) as purchase_docs,
        returns.last_return_on,
        payments.last_payment_on,
        coalesce(payments.payments, 0) as payments,
        invoiced.last_invoice_on,
        deal_activity.last_deal_on,
        coalesce(deal_activity.deals, 0) as deals,
        coalesce(won_deals.won_deals, 0) as won_deals,
        crm_activity.last_activity_on
    from customers
    left join purchases
        on customers.customer_id = purchases.customer_id
    left join returns
        on customers.customer_id = returns.customer_id
    left join payments
        on customers.customer_id = payments.customer_id
    left join invoiced
        on customers.customer_id = invoiced.customer_id
    left join deal_activity
        on customers.customer_id = deal_activity.customer_id
    left join crm_activity
        on customers.customer_id = crm_activity.customer_id
    left join won_deals
        on customers.customer_id = won_deals.customer_id

)

select * from final
