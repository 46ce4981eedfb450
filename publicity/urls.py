from django.urls import path

from publicity import feeds, views

app_name = "publicity"

urlpatterns = [
    path("", views.disclosure_list, name="list"),
    path("<int:pk>/", views.disclosure_detail, name="detail"),
    path("feed/rss/", feeds.DisclosureFeed(), name="feed_rss"),
    path("feed/atom/", feeds.DisclosureAtomFeed(), name="feed_atom"),
    path("export.<str:fmt>", views.disclosure_export, name="export"),
]
