"""Routes of the administration pages: units and regions (单位管理)."""

from django.urls import path

from taizhang.administration.views import regions, units, units_actions

urlpatterns = [
    path("manage/regions/", regions.region_tree_view, name="region_tree"),
    path("manage/regions/<int:region_id>/children/", regions.region_child_create, name="region_child_create"),
    path("manage/regions/<int:region_id>/rename/", regions.region_rename_view, name="region_rename"),
    path("manage/units/", units.unit_registry_view, name="unit_registry"),
    path("manage/units/new/", units.unit_create_view, name="unit_create"),
    path("manage/units/<int:unit_id>/", units.unit_manage, name="unit_manage"),
    path("manage/units/<int:unit_id>/rename/", units_actions.unit_rename_view, name="unit_rename"),
    path("manage/units/<int:unit_id>/kind/", units_actions.unit_kind_view, name="unit_kind"),
    path("manage/units/<int:unit_id>/active/", units_actions.unit_active_view, name="unit_active"),
    path("manage/units/<int:unit_id>/aliases/add/", units_actions.unit_alias_add_view, name="unit_alias_add"),
    path(
        "manage/units/<int:unit_id>/aliases/remove/",
        units_actions.unit_alias_remove_view,
        name="unit_alias_remove",
    ),
    path("manage/units/<int:unit_id>/merge/", units_actions.unit_merge_view, name="unit_merge"),
]
