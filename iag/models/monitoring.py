from django.db import models
from django.utils.translation import gettext_lazy as _

from personal_data.fields import EncryptedCharField

PREFER_NOT = ("prefer_not_to_say", _("Prefer not to say"))


class AgeBand(models.TextChoices):
    UNDER_25 = "16_24", _("16 to 24")
    FROM_25 = "25_34", _("25 to 34")
    FROM_35 = "35_44", _("35 to 44")
    FROM_45 = "45_54", _("45 to 54")
    FROM_55 = "55_64", _("55 to 64")
    OVER_65 = "65_plus", _("65 or over")
    PREFER_NOT_TO_SAY = PREFER_NOT


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("I describe myself another way")
    PREFER_NOT_TO_SAY = PREFER_NOT


class Ethnicity(models.TextChoices):
    ASIAN = "asian", _("Asian or Asian British")
    BLACK = "black", _("Black, Black British, Caribbean or African")
    MIXED = "mixed", _("Mixed or multiple ethnic groups")
    WHITE = "white", _("White")
    OTHER = "other", _("Another ethnic group")
    PREFER_NOT_TO_SAY = PREFER_NOT


class Religion(models.TextChoices):
    NONE = "none", _("No religion")
    BUDDHIST = "buddhist", _("Buddhist")
    CHRISTIAN = "christian", _("Christian")
    HINDU = "hindu", _("Hindu")
    JEWISH = "jewish", _("Jewish")
    MUSLIM = "muslim", _("Muslim")
    SIKH = "sikh", _("Sikh")
    OTHER = "other", _("Another religion or belief")
    PREFER_NOT_TO_SAY = PREFER_NOT


class SexualOrientation(models.TextChoices):
    STRAIGHT = "straight", _("Straight or heterosexual")
    GAY_LESBIAN = "gay_lesbian", _("Gay or lesbian")
    BISEXUAL = "bisexual", _("Bisexual")
    OTHER = "other", _("Another sexual orientation")
    PREFER_NOT_TO_SAY = PREFER_NOT


class Disability(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    PREFER_NOT_TO_SAY = PREFER_NOT


# field name -> (question, choices). Drives the form, the admin and the totals report.
CHARACTERISTICS = {
    "age_band": (_("Age"), AgeBand),
    "sex": (_("Sex"), Sex),
    "ethnicity": (_("Ethnic group"), Ethnicity),
    "religion": (_("Religion or belief"), Religion),
    "sexual_orientation": (_("Sexual orientation"), SexualOrientation),
    "disability": (_("Disability"), Disability),
}


class EqualityMonitoring(models.Model):
    """Optional equality monitoring answers (special category data), kept apart
    from the application, shown only as suppressed totals or to staff with the
    `iag.view_special_category` permission, and deleted when the application is
    erased or anonymised. Each answer is encrypted at rest, so the totals are
    counted in Python (iag.selectors). Empty (NULL) means not answered."""

    application = models.OneToOneField("iag.Application", on_delete=models.CASCADE, related_name="monitoring")
    age_band = EncryptedCharField(max_length=20, choices=AgeBand.choices, blank=True, null=True)
    sex = EncryptedCharField(max_length=20, choices=Sex.choices, blank=True, null=True)
    ethnicity = EncryptedCharField(max_length=20, choices=Ethnicity.choices, blank=True, null=True)
    religion = EncryptedCharField(max_length=20, choices=Religion.choices, blank=True, null=True)
    sexual_orientation = EncryptedCharField(max_length=20, choices=SexualOrientation.choices, blank=True, null=True)
    disability = EncryptedCharField(max_length=20, choices=Disability.choices, blank=True, null=True)

    class Meta:
        verbose_name = _("equality monitoring totals")
        verbose_name_plural = _("equality monitoring totals")

    def __str__(self):
        return f"Equality monitoring {self.pk}"
