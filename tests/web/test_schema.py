"""Generated requests from the OpenAPI schema against the real server: never a 500, and
every body, content type and status the schema declares (the API's responses are the
read layer's records, which FastAPI checks against the schema it built from them).

schemathesis's pytest plugin does not run under pytest 9 here, so the test
drives its Hypothesis strategies directly, one operation at a time.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

EXAMPLES_PER_OPERATION = 60


def test_no_server_errors_on_generated_requests(server):
    schema = schemathesis.openapi.from_url(server.base + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {operation.path for operation in operations} >= {
        "/api/articles",
        "/api/search",
        "/api/articles/{article_id}",
    }
    for operation in operations:

        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck))
        @given(operation.as_strategy())
        def check(case):
            response = case.call(base_url=server.base, timeout=30)
            assert response.status_code < 500, (case.method, case.path, case.query, response.text[:500])
            if response.status_code >= 400:
                assert response.json()["error"], response.text
            else:
                case.validate_response(
                    response,
                    checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
                )

        check()
