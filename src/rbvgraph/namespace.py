"""The ontology as a closed rdflib DefinedNamespace: a misspelt term raises at import."""

from rdflib.namespace import DefinedNamespace, Namespace

from .vocab import ONTOLOGY


class RBV(DefinedNamespace):
    """rbvgraph ontology terms; a misspelt term raises at import instead of minting a new IRI."""

    _fail = True
    _NS = Namespace(ONTOLOGY)

    # classes
    Organisatie: object
    Overheidsorganisatie: object
    Gemeente: object
    Provincie: object
    Ministerie: object
    Inspectie: object
    Politieorganisatie: object
    Politieonderdeel: object
    Justitieorganisatie: object
    Samenwerkingsverband: object
    Zorgpartner: object
    Kennisinstelling: object
    PrivatePartner: object
    MaatschappelijkeOrganisatie: object
    Groep: object
    Activiteit: object
    Programma: object
    Project: object
    Werkwijze: object
    Maatregel: object
    Gebeurtenis: object
    Thema: object
    Regelgeving: object
    Plaats: object
    Persoon: object
    Functie: object
    Document: object
    Jaarverslag: object
    Sectie: object
    Bewijs: object
    ExterneBron: object
    Indicator: object
    Meeteenheid: object
    Hoeveelheid: object
    # properties
    werktSamenMet: object
    ondersteunt: object
    ondersteundDoor: object
    staatOnderGezagVan: object
    aangestuurdDoor: object
    voorgezetenDoor: object
    voertUit: object
    uitgevoerdDoor: object
    neemtDeelAan: object
    deelnemer: object
    financiert: object
    gefinancierdDoor: object
    pastToe: object
    gebaseerdOp: object
    onderdeelVan: object
    heeftOnderdeel: object
    levertOp: object
    heeftThema: object
    periode: object
    startjaar: object
    eindjaar: object
    datum: object
    vindtPlaatsIn: object
    hoeveelheid: object
    geraadpleegdOp: object
    gefinancierdUit: object
    vastgesteldDoor: object
    gerichtTegen: object
    ligtIn: object
    provincie: object
    cbsCode: object
    tooi: object
    bwbId: object
    afkorting: object
    bekleedt: object
    ondertekendDoor: object
    vermeldIn: object
    sectienummer: object
    volgorde: object
    voetnoot: object
    sectie: object
    citaat: object
    bron: object
    indicator: object
    jaar: object
    waarde: object
    eenheid: object
    voorlopig: object
    doel: object
    doelrichting: object
    categorie: object
    tabelbron: object
