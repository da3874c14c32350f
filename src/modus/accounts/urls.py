from django.urls import path

from modus.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("link/<str:token>/", views.use_link, name="link"),
    path("password/", views.PasswordSignInView.as_view(), name="password"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
]
