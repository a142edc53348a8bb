{#- Helpers used by the de-identified marts (HIPAA Safe Harbor, 45 CFR 164.514(b)(2)). -#}

{#- Ages over 89 are aggregated into a single "90+" category. -#}
{% macro safe_harbor_age_band(age_column) -%}
    case
        when {{ age_column }} is null then 'unknown'
        when {{ age_column }} < 18 then '0-17'
        when {{ age_column }} < 45 then '18-44'
        when {{ age_column }} < 65 then '45-64'
        when {{ age_column }} < 90 then '65-89'
        else '90+'
    end
{%- endmacro %}

{#- Only the first three ZIP digits are kept; restricted ZIP3s (population < 20,000) become '000'. -#}
{% macro safe_harbor_zip3(zip_column) -%}
    case
        when left({{ zip_column }}, 3) in ('036', '059', '102', '203', '205', '369', '556', '692', '753', '772', '821', '823', '878', '879', '884', '893')
            then '000'
        else left({{ zip_column }}, 3)
    end
{%- endmacro %}

{#- SHA-256 masking used for direct identifiers kept for linkage inside the phi schema. -#}
{% macro mask_sha256(column) -%}
    sha256(cast({{ column }} as varchar) || '{{ var("masking_salt", "demo-salt-not-a-secret") }}')
{%- endmacro %}

{#- Age in whole years as of the project's as-of date. -#}
{% macro age_in_years(birth_date_column) -%}
    date_diff('year', {{ birth_date_column }}, date '{{ var("clinic_as_of_date") }}')
        - case when strftime({{ birth_date_column }}, '%m%d') > strftime(date '{{ var("clinic_as_of_date") }}', '%m%d') then 1 else 0 end
{%- endmacro %}
