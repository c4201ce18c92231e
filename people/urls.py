from django.urls import path

from . import personal_data_views as data_views
from . import views
from .oidc import views as oidc_views

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
    # OpenID Connect (VNeID): 404 unless configured (people/oidc/)
    path("vneid/dang-nhap/", oidc_views.SignInStartView.as_view(), name="oidc_sign_in"),
    path("vneid/lien-ket/", oidc_views.LinkStartView.as_view(), name="oidc_link"),
    path("vneid/tra-ve/", oidc_views.CallbackView.as_view(), name="oidc_callback"),
    path("du-lieu-ca-nhan/", data_views.my_data, name="my_data"),
    path("du-lieu-ca-nhan/ban-sao.json", data_views.my_data_json, name="my_data_json"),
    path("du-lieu-ca-nhan/lien-he/", data_views.update_contact, name="my_contact"),
    path("du-lieu-ca-nhan/yeu-cau/", data_views.file_own_request, name="my_request"),
]
