from django.urls import path

from staffauth import views

app_name = "staffauth"

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("enrol/", views.enrol, name="enrol"),
    path("backup-codes/", views.codes, name="codes"),
]
