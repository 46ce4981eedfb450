from django.urls import path

from accounts import views

app_name = "accounts"

# Included under cases/account/ (portal/urls.py): the paths complainants know stay the same.
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("register/", views.register, name="register"),
    path("register/verify/", views.register_verify, name="register_verify"),
    path("password/", views.password_reset, name="password_reset"),
    path("password/verify/", views.password_reset_verify, name="password_reset_verify"),
]
