from . import evenings, figures, people  # noqa: F401 - registers the model admins
