with

source as (

    select * from {{ source('raw', 'accounting_sales_documents') }}

),

renamed as (

    select
        -- ids
        trim(doc_no) as doc_no,
        nullif(trim(customer_name), '') as customer_name,
        nullif(regexp_replace(coalesce(customer_inn, ''), '\D', '', 'g'), '') as customer_inn,

        -- money
        amount,
        vat,

        -- attribution
        nullif(trim(manager), '') as manager,
        nullif(trim(warehouse), '') as warehouse,
        nullif(trim(organization), '') as organization,
        nullif(trim(division), '') as division,
        nullif(trim(contract), '') as contract,
        nullif(trim(comment), '') as comment,

        -- dates
        date as sold_on,

        _file_id as source_file_id,
        _row_no as source_row_no

    from source

)

select * from renamed
