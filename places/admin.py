from django.contrib import admin
from leaflet.admin import LeafletGeoAdmin

from .models import Membership, Organisation, Place
from .services import PLACE_FIELDS, place_create, place_update


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "verified", "last_verified", "phone", "email"]
    list_filter = ["verified"]
    search_fields = ["name", "description", "email"]
    inlines = [MembershipInline]


@admin.register(Place)
class PlaceAdmin(LeafletGeoAdmin):
    list_display = ["name", "kind", "organisation", "precision", "area", "wheelchair"]
    list_filter = ["kind", "precision", "wheelchair", "source", "organisation"]
    search_fields = ["name", "address"]
    raw_id_fields = ["area"]
    exclude = ["public_location"]
    readonly_fields = ["area"]

    def save_model(self, request, obj, form, change):
        # The service derives area and public point; the admin must not bypass it.
        fields = {
            name: form.cleaned_data[name] for name in form.cleaned_data if name in PLACE_FIELDS
        }
        if change:
            place_update(place=obj, **fields)
        else:
            saved = place_create(**fields)
            obj.pk, obj.id = saved.pk, saved.id


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "user__email", "organisation__name"]
    raw_id_fields = ["user", "organisation"]
