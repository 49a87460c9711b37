"""The app's looks: calm for the day, dim for 3 a.m., light for a bright room, high contrast for weak eyes."""

from __future__ import annotations

from textual.theme import Theme

CALM = Theme(
    name="cramp-calm",
    primary="#5FA8A0",
    secondary="#7F9CC9",
    accent="#E0B56A",
    warning="#E0A84F",
    error="#E06C6C",
    success="#7CBF8A",
    foreground="#DDE3E6",
    background="#1B2328",
    surface="#222C32",
    panel="#2B373E",
    dark=True,
)

#: Low light and warm colours, so checking the diary at night does not wake you further.
NIGHT = Theme(
    name="cramp-night",
    primary="#8A5A44",
    secondary="#6B5B4E",
    accent="#A0704F",
    warning="#A07A3C",
    error="#A04A40",
    success="#5E7A55",
    foreground="#8C7D70",
    background="#0B0908",
    surface="#120F0D",
    panel="#1A1512",
    dark=True,
    luminosity_spread=0.08,
    text_alpha=0.85,
)

#: Dark text on a warm white, for a bright room or a light terminal.
LIGHT = Theme(
    name="cramp-light",
    primary="#2E6E67",
    secondary="#3F5F8F",
    accent="#8A5A00",
    warning="#8A5A00",
    error="#A82828",
    success="#2F6B3A",
    foreground="#1F2A30",
    background="#F4F1EA",
    surface="#FFFFFF",
    panel="#E4DED2",
    dark=False,
)

#: Pure black and white with bright accents, for low vision or a washed-out screen.
HIGH_CONTRAST = Theme(
    name="cramp-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFB000",
    warning="#FFD700",
    error="#FF6060",
    success="#60FF60",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#202020",
    dark=True,
)

THEMES = (CALM, NIGHT, LIGHT, HIGH_CONTRAST)


def is_night(hour: int) -> bool:
    """22:00 to 07:00 counts as night: the form assumes a cramp woke you, the app dims."""
    return hour >= 22 or hour < 7
