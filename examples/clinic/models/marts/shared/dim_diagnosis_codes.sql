select
    icd10_code,
    short_description,
    category_code,
    left(icd10_code, 1)                     as chapter_letter,
    is_billable
from {{ ref('stg_reference__icd10_codes') }}
