"""Public verification, downloads, and the coordinator's class page. Thin views.

Rules live in ``issuing``, ``access`` and ``archives``. Anything reached by id or
code that the user may not see is a 404, never a hint that it exists.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from courses.models import CoursePage
from people.models import Membership, SchoolClass

from . import archives, issuing, unfetched
from .access import can_download, can_manage_certificate, can_manage_class
from .archives import ascii_name
from .codes import normalise_code
from .credentials import checking, jws
from .forms import ArchiveForm, CredentialForm, RevokeForm, VerifyForm
from .models import Certificate, ClassArchive
from .ratelimit import hit

VERIFY_LIMIT = 30  # look-ups per address per window
VERIFY_WINDOW = 300  # seconds


def _noindex(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _too_many(request, retry_after):
    response = TemplateResponse(
        request,
        "certificates/too_many.html",
        {"retry_minutes": max(1, round(retry_after / 60))},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return _noindex(response)


def _current(certificate):
    """Follow "replaced by" to the certificate that counts now (short chains)."""
    seen = set()
    while (
        certificate.status == Certificate.Status.REPLACED
        and certificate.replaced_by_id
        and certificate.pk not in seen
    ):
        seen.add(certificate.pk)
        certificate = Certificate.objects.get(pk=certificate.replaced_by_id)
    return certificate


def _credential_form():
    return CredentialForm(max_bytes=checking.MAX_BYTES)


def _signed_facts(certificate):
    """Competences and hours as signed into the certificate's credential."""
    if certificate is None or not certificate.credential:
        return None
    try:
        return checking.facts(jws.unverified(certificate.credential)[1])
    except jws.BadJWS:
        return None


def verify(request, code=None):
    """The QR code's target and the look-up form: public, not indexed, rate-limited."""
    form = VerifyForm(request.GET if "code" in request.GET else None)
    if code is None:
        if form.is_bound and form.is_valid():
            return redirect("certificates:verify_code", code=form.cleaned_data["code"])
        context = {"form": form, "credential_form": _credential_form()}
        return _noindex(TemplateResponse(request, "certificates/verify.html", context))
    allowed, retry_after = hit(request, "verify", VERIFY_LIMIT, VERIFY_WINDOW)
    if not allowed:
        return _too_many(request, retry_after)
    normalised = normalise_code(code)
    if normalised and normalised != code:
        return redirect("certificates:verify_code", code=normalised)
    certificate = (
        Certificate.objects.exclude(
            status__in=[Certificate.Status.PENDING, Certificate.Status.FAILED]
        )
        .filter(verification_code=normalised)
        .first()
        if normalised
        else None
    )
    if certificate is None:
        state, status, replacement = "not_found", 404, None
    else:
        state, status = certificate.status, 200
        replacement = _current(certificate) if state == "replaced" else None
        if replacement is not None and replacement.status != "issued":
            replacement = None
    context = {
        "form": VerifyForm(initial={"code": code}),
        "certificate": certificate,
        "state": state,
        "replacement": replacement,
        "code": code,
        "certificate_facts": _signed_facts(certificate),
        "credential_form": _credential_form(),
    }
    return _noindex(
        TemplateResponse(request, "certificates/verify.html", context, status=status)
    )


def _pdf_response(certificate):
    filename = (
        f"giay-chung-nhan_{ascii_name(certificate.holder_name)}_"
        f"{certificate.verification_code}.pdf"
    )
    response = FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def download(request, code):
    """The stored file, exactly as issued: never rendered again from live data."""
    certificate = (
        Certificate.objects.filter(verification_code=normalise_code(code))
        .exclude(pdf="")
        .first()
    )
    if certificate is None or not can_download(request.user, certificate):
        raise Http404
    if certificate.downloaded_at is None and certificate.holder_id == request.user.pk:
        with transaction.atomic():
            Certificate.objects.filter(
                pk=certificate.pk, downloaded_at__isnull=True
            ).update(downloaded_at=timezone.now())
            unfetched.refresh([certificate.enrolment_id])
    return _pdf_response(certificate)


def _class_or_404(user, class_id):
    school_class = get_object_or_404(
        SchoolClass.objects.select_related("organisation"), pk=class_id
    )
    if not can_manage_class(user, school_class):
        raise Http404
    return school_class


@never_cache
@login_required
def class_certificates(request, class_id):
    """A coordinator's view of a class: who has which certificate, ZIP, corrections."""
    school_class = _class_or_404(request.user, class_id)
    learners = list(
        Membership.objects.learners()
        .filter(school_class=school_class)
        .select_related("user")
        .order_by("user__name_sort_key")
    )
    of_class = Certificate.objects.of_class(school_class)
    certificates = {}
    for certificate in of_class.exclude(status=Certificate.Status.REPLACED).order_by(
        "course_title", "-created_at"
    ):
        certificates.setdefault(certificate.holder_id, []).append(certificate)
    rows = [(m.user, certificates.get(m.user_id, [])) for m in learners]
    course_ids = of_class.issued().values("enrolment__course_id")
    courses = CoursePage.objects.filter(pk__in=course_ids).order_by("title")
    recent = ClassArchive.objects.filter(
        school_class=school_class, requested_by=request.user
    )[:5]
    return TemplateResponse(
        request,
        "certificates/class_certificates.html",
        {
            "school_class": school_class,
            "rows": rows,
            "archive_form": ArchiveForm(courses=courses),
            "archives": recent,
            "issued_count": sum(
                1 for _u, certs in rows for c in certs if c.status == "issued"
            ),
        },
    )


@login_required
def class_archive_start(request, class_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    school_class = _class_or_404(request.user, class_id)
    courses = CoursePage.objects.all()
    form = ArchiveForm(request.POST, courses=courses)
    if not form.is_valid():
        messages.error(request, _("Choose a course from the list."))
        return redirect("certificates:class_certificates", class_id=school_class.pk)
    course_id = form.cleaned_data["course"]
    course = CoursePage.objects.filter(pk=course_id).first() if course_id else None
    archive = archives.start(school_class, course, request.user)
    return redirect(
        "certificates:class_archive", class_id=school_class.pk, archive_id=archive.pk
    )


def _archive_or_404(request, class_id, archive_id):
    school_class = _class_or_404(request.user, class_id)
    archive = get_object_or_404(
        ClassArchive.objects.select_related("course"),
        pk=archive_id,
        school_class=school_class,
        requested_by=request.user,
    )
    return school_class, archive


@never_cache
@login_required
def class_archive(request, class_id, archive_id):
    """Progress of a ZIP; the page refreshes itself until the file is ready."""
    school_class, archive = _archive_or_404(request, class_id, archive_id)
    return TemplateResponse(
        request,
        "certificates/class_archive.html",
        {"school_class": school_class, "archive": archive},
    )


@login_required
def class_archive_download(request, class_id, archive_id):
    _school_class, archive = _archive_or_404(request, class_id, archive_id)
    if archive.status != ClassArchive.Status.DONE or not archive.file:
        raise Http404
    return FileResponse(
        archive.file.open("rb"),
        as_attachment=True,
        filename=archive.file.name.rsplit("/", 1)[-1],
        content_type="application/zip",
    )


def _managed_or_404(request, pk):
    certificate = get_object_or_404(Certificate, pk=pk)
    if not can_manage_certificate(request.user, certificate):
        raise Http404
    return certificate


def _back(request, certificate):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(
        reverse("certificates:verify_code", args=[certificate.verification_code])
    )


@login_required
def reissue(request, pk):
    """After a name correction: a new certificate, the old one marked replaced."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    certificate = _managed_or_404(request, pk)
    try:
        issuing.reissue(certificate, by=request.user)
    except issuing.CertificateError:
        messages.error(request, _("Only an issued certificate can be reissued."))
    else:
        messages.success(
            request,
            _("A new certificate is being issued; the old one is marked replaced."),
        )
    return _back(request, certificate)


@login_required
def revoke(request, pk):
    certificate = _managed_or_404(request, pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issuing.revoke(certificate, form.cleaned_data["reason"], by=request.user)
        except issuing.CertificateError:
            messages.error(request, _("This certificate is no longer valid."))
        else:
            messages.success(request, _("The certificate is revoked."))
        return _back(request, certificate)
    return TemplateResponse(
        request,
        "certificates/revoke.html",
        {"certificate": certificate, "form": form, "next": request.GET.get("next", "")},
    )
