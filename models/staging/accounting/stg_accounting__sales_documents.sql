with

source as (

    select * from {{ source('raw', 'accounting_sales_documents') }}

),

renamed as (

    select
        -- ids
        trim(doc_no) as doc_no,
        blank_to_null(customer_name) as customer_name,
        digits_or_null(customer_inn) as customer_inn,

        -- money
        amount,
        vat,

        -- attribution
        blank_to_null(manager) as manager,
        blank_to_null(warehouse) as warehouse,
        blank_to_null(organization) as organization,
        blank_to_null(division) as division,
        blank_to_null(contract) as contract,
        blank_to_null(comment) as comment,

        -- dates
        date as sold_on,

        _file_id as source_file_id,
        _row_no as source_row_no

    from source

)

select * from renamed
