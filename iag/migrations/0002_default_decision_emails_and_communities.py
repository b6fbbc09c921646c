"""The decision emails' default wording and the communities an applicant can
choose from. A copy of what iag/defaults.py held when this migration was
written: a migration must not change when live code does."""

from django.db import migrations

DECISION_TEMPLATES = {'invited': {'subject': 'Your application to join an Independent Advisory Group ({reference})',
             'body': 'Dear {name},\n'
                     '\n'
                     'Thank you for applying to join {groups}. We would like to meet you for an informal '
                     'chat about the group and what being a member involves. Someone from the diversity unit '
                     'will contact you soon to agree a time that suits you.\n'
                     '\n'
                     'You can check your application at any time: {status_link}\n'
                     '\n'
                     'If you have any questions, call {phone}.\n'
                     '\n'
                     '{force} diversity unit'},
 'accepted': {'subject': 'Welcome to the Independent Advisory Group ({reference})',
              'body': 'Dear {name},\n'
                      '\n'
                      'We are pleased to tell you that you have been accepted as a member of {groups}. We '
                      'will send you the dates of the next meeting and what to expect before it.\n'
                      '\n'
                      'You can check your application at any time: {status_link}\n'
                      '\n'
                      'If you have any questions, call {phone}.\n'
                      '\n'
                      '{force} diversity unit'},
 'not_accepted': {'subject': 'Your application to join an Independent Advisory Group ({reference})',
                  'body': 'Dear {name},\n'
                          '\n'
                          'Thank you for applying to join {groups}. We are not able to offer you a place '
                          'this time. This is often because a group already has members who speak for the '
                          'same communities. You are welcome to apply again in future, and we would still '
                          'like to hear your views.\n'
                          '\n'
                          'If you would like to talk about this, call {phone}.\n'
                          '\n'
                          '{force} diversity unit'}}

COMMUNITIES = [('Race and ethnicity', 'race', ''),
 ('Faith and belief', 'faith', ''),
 ('Disability', 'disability', 'Including people with physical or mental health conditions, and carers'),
 ('Gypsy, Roma and Traveller communities', 'gypsy-roma-traveller', ''),
 ('LGBT+ people', 'lgbt', 'Lesbian, gay, bisexual and trans people, and others'),
 ('Young people', 'young-people', ''),
 ('Older people', 'older-people', ''),
 ('Vulnerable people',
  'vulnerable-people',
  'For example people who are homeless or have been victims of abuse'),
 ('Migrants, refugees and asylum seekers', 'migrants-refugees', ''),
 ('Rural communities', 'rural', '')]


def create_defaults(apps, schema_editor):
    DecisionTemplate = apps.get_model("iag", "DecisionTemplate")
    Community = apps.get_model("iag", "Community")
    for status, text in DECISION_TEMPLATES.items():
        DecisionTemplate.objects.get_or_create(status=status, defaults=text)
    for order, (name, slug, hint) in enumerate(COMMUNITIES):
        Community.objects.get_or_create(slug=slug, defaults={"name": name, "hint": hint, "display_order": order})


class Migration(migrations.Migration):
    dependencies = [("iag", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
