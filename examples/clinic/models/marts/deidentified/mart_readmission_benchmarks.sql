-- Readmission rates by age band and index diagnosis chapter, shared with the regional
-- hospital association benchmark.
select
    {{ safe_harbor_age_band('age_at_admission') }}      as age_band,
    left(index_primary_icd10_category, 1)               as icd10_chapter_letter,
    count(*)                                            as index_stays,
    count(*) filter (where is_readmitted_30d)           as readmissions_30d,
    round(count(*) filter (where is_readmitted_30d)::double / count(*), 4) as readmission_rate
from {{ ref('fct_readmissions_30d') }}
group by 1, 2
