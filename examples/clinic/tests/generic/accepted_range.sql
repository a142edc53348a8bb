{#-
  accepted_range: every value of the column lies within [min_value, max_value].
  Same name and arguments as dbt_utils.accepted_range (written here because the
  project cannot install packages).
-#}
{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}

with meet_condition as (
    select * from {{ model }}
),

validation_errors as (
    select *
    from meet_condition
    where 1 = 2
    {%- if min_value is not none %}
        or not {{ column_name }} {{ ">=" if inclusive else ">" }} {{ min_value }}
    {%- endif %}
    {%- if max_value is not none %}
        or not {{ column_name }} {{ "<=" if inclusive else "<" }} {{ max_value }}
    {%- endif %}
)

select * from validation_errors

{% endtest %}
