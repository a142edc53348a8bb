select
    icd10_code,
    short_description,
    category_code,
    is_billable
from {{ ref('icd10_codes') }}
