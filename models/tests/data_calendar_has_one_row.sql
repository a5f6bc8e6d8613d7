-- marts.data_calendar is read as a single row ("select last_sale_on from marts.data_calendar"):
-- anything but exactly one row would make the segment as-of ambiguous or missing.
select count(*) as row_count
from {{ ref('data_calendar') }}
having count(*) <> 1
