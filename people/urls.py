from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("dang-nhap/", views.SignInView.as_view(), name="login"),
    path("dang-xuat/", views.SignOutView.as_view(), name="logout"),
    path("quyen-rieng-tu/", views.privacy, name="privacy"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path("quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "quen-mat-khau/da-gui/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
