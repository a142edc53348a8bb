{#-
  unique_combination_of_columns: the columns together form a key.
  Same name and arguments as dbt_utils.unique_combination_of_columns.
-#}
{% test unique_combination_of_columns(model, combination_of_columns, quote_columns=false) %}

{%- set columns_csv = combination_of_columns | join(', ') -%}

with validation_errors as (
    select {{ columns_csv }}, count(*) as n_records
    from {{ model }}
    group by {{ columns_csv }}
    having count(*) > 1
)

select * from validation_errors

{% endtest %}
