"""The API object: deny-by-default auth, the one error shape, and the routers.

The OpenAPI schema is served at ``openapi.json`` to signed-in callers only; the Swagger page is off because it
loads its scripts from a CDN the intranet cannot reach (docs/decisions.md).
"""

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from taizhang.api import alerts, assessment, ledger, plans, regulations, reports
from taizhang.api.auth import API_AUTH, require_api_auth
from taizhang.api.errors import install_handlers

api = NinjaAPI(
    title="台账 taizhang API",
    version="1",
    description='惩防体系台账接口 / The ledger API. Errors are always {"code", "message"}.',
    auth=API_AUTH,
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs=Swagger(),
    docs_url=None,
    docs_decorator=require_api_auth,
)
install_handlers(api)
api.add_router("", plans.router)
api.add_router("", ledger.router)
api.add_router("", reports.router)
api.add_router("", assessment.router)
api.add_router("", alerts.router)
api.add_router("", regulations.router)
