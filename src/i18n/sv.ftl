# CPOR Desk — svenska. Samma nycklar och platshållare som en.ftl.

## Language and dates

language-name = Svenska
date-medium = { $day } { $month ->
        [1] jan.
        [2] feb.
        [3] mars
        [4] apr.
        [5] maj
        [6] juni
        [7] juli
        [8] aug.
        [9] sep.
        [10] okt.
        [11] nov.
       *[12] dec.
    } { $year }

## The shell and the quick check

app-title = CPOR Desk
tagline = Anspråk för Claiming Partner of Record, kontrollerade innan du skickar. Dina data stannar i den här webbläsaren.
language = Språk
quick-check-title = Kontrollera kundens domän och klient-ID
quick-check-intro = Samma regler som i guiden för anspråk: identifierarnas format och att domän och klient hör ihop.
no-findings = Inga problem hittades.
severity-error = Fel
severity-warning = Varning
canonical-tenant = Klient-ID (normaliserat)
ascii-domain = Domän (ASCII)
directory-note = Kontrolleras mot den inbyggda demokatalogen (Contoso, Fabrikam).
dashboard-imported = { $count ->
        [one] Importerade { $count } anspråk.
       *[other] Importerade { $count } anspråk.
    }

## Fynd: ett meddelande per stabil fyndkod.

finding-tenant-required = Ange kundens klient-ID (katalog-ID).
finding-tenant-format = Klient-ID:t måste vara ett GUID: 32 hexadecimala tecken, till exempel 1d38bbea-e8d8-407c-9c74-bee089c92c07.
finding-tenant-nil = Klient-ID:t består bara av nollor och är ingen verklig klient.
finding-tenant-consumer = Detta är klienten för personliga Microsoft-konton, inte en kundorganisation.
finding-domain-required = Ange kundens domännamn, till exempel contoso.com.
finding-domain-format = Detta är inget giltigt domännamn. Använd ett namn som contoso.com (bokstäver, siffror och bindestreck, minst två delar, ingen IP-adress).
finding-domain-url = En webbadress angavs; endast dess värdnamn används (visas under fältet som den domän anspråket gäller).
finding-domain-email = En e-postadress angavs; endast dess domän används.
finding-domain-unknown = Katalogen kan inte bekräfta att domänen tillhör klienten. Kontrollera båda med kunden.
finding-domain-mismatch = Domänen tillhör en annan klient än det angivna klient-ID:t. Be kunden om rätt uppgifter.
finding-subscription-required = Ett prenumerations-ID behövs för produkten: kunden har flera prenumerationer av den, eller så är ingen känd på klienten. Fråga kunden: i administrationscentret för Microsoft 365, under Fakturering › Dina produkter, visar prenumerationens sida dess ID.
finding-subscription-format = Prenumerations-ID:t måste vara ett GUID: 32 hexadecimala tecken.
finding-subscription-is-tenant-id = Detta är klient-ID:t, inte ett prenumerations-ID. Kunden hittar prenumerations-ID:t i administrationscentret för Microsoft 365 under Fakturering › Dina produkter, på prenumerationens sida.
finding-subscription-not-on-tenant = Prenumerationen finns inte på kundens klient. Kontrollera prenumerations-ID:t och klient-ID:t med kunden.
finding-subscription-not-dynamics = Prenumerationen gäller inte en Dynamics 365-produkt. Kontrollera med kunden vilken prenumeration som innehåller produkten du gör anspråk på.
finding-subscription-csp = Prenumerationen är köpt via CSP; anspråk för Business Applications kräver volymlicensiering eller Web Direct, så den kan inte göras anspråk på här.
finding-subscription-not-provisioned = Kunden har ännu inte aktiverat eller etablerat produkterna i prenumerationen. Be kunden slutföra etableringen; därefter kan det ta upp till sju dagar innan prenumerationen kan göras anspråk på.
finding-subscription-too-recent = Prenumerationen aktiverades för mindre än 48 timmar sedan; den kan göras anspråk på 48 timmar efter aktiveringen.
finding-subscription-already-claimed = Prenumerationen har redan gjorts anspråk på. Kontrollera prenumerations-ID:t med kunden.
finding-subscription-inactive = Prenumerationen är inte aktiv eller i respitperiod (den har till exempel löpt ut). En utgången prenumeration får ett nytt ID: be kunden om den nya prenumerationens ID och gör anspråk på den.
finding-subscription-product-mismatch = Prenumerationen gäller en annan produkt än den valda. Kontrollera prenumerations-ID:t med kunden, eller välj den produkt den gäller.
finding-mpn-required = Välj partnerplats (MPN-ID).
finding-mpn-format = MPN-ID:t (PartnerID) måste vara 6 till 10 siffror.
finding-mpn-not-enrolled = Platsen är inte registrerad i något incitamentsprogram, så anspråket ger inga incitament. Be organisationens globala administratör registrera den i Incitament i Partnercenter, eller välj en registrerad plats.
finding-email-required = Ange en e-postadress.
finding-email-format = Detta är ingen giltig e-postadress, till exempel anna@contoso.com.
finding-contact-name-required = Ange kontaktpersonens namn.
finding-phone-format = Telefonnumret får innehålla siffror, mellanslag, +, - och parenteser, med 6 till 20 siffror.
finding-email-not-customer-domain = Adressen finns inte på någon av kundens domäner (en privat adress eller en annan organisations). Microsoft skickar meddelandet om medgivande till kundens kontaktperson: använd en adress i kundens organisation.
finding-claim-name-required = Ange ett namn på anspråket så att du hittar det senare.
finding-claim-name-too-long = Anspråkets namn får vara högst 100 tecken.
finding-solution-area-required = Välj ett lösningsområde.
finding-partner-role-required = Välj en partnerroll.
finding-customer-name-required = Ange kundorganisationens namn.
finding-customer-name-mismatch = Namnet skiljer sig från det organisationsnamn katalogen har för klienten. Kontrollera att domänen, klient-ID:t och namnet hör till samma kund.
finding-product-required = Välj minst en produkt eller arbetsbelastning.
finding-product-power-bi-dpor = Power BI kan inte göras anspråk på här: incitament för Power BI går fortfarande via Digital Partner of Record (DPOR).
finding-product-already-associated = Din organisation är redan associerad med kunden för den här produkten.
finding-product-competing = En annan partner är associerad med kunden för den här produkten: detta är ett konkurrerande anspråk och granskningen tar längre tid.
finding-product-wrong-area = Produkten hör inte till det valda lösningsområdet.
finding-role-wrong-area = Partnerrollen hör inte till det valda lösningsområdet.
finding-poe-required = Ladda upp minst ett dokument med utförandebevis (PoE) innan du skickar.
finding-poe-file-type = Filtypen accepteras inte. Använd PDF, DOCX, DOC, XLSX, PPTX, PNG, JPEG, TXT, EML eller MSG (kontrolleras utifrån filens innehåll).
finding-poe-file-too-large = Filen är större än 20 MB.
finding-poe-file-over-server-limit = Filen är större än teamsynkservern tar emot (IBM Cloudant: 10 MB; se Inställningar → Teamsynk).
finding-poe-file-empty = Filen är tom.
finding-transition-not-allowed = Åtgärden är inte möjlig i anspråkets nuvarande status.
finding-transition-forbidden-role = Din roll får inte utföra den här åtgärden på anspråket.
finding-transition-window-closed = Tiden för att bestrida har gått ut. Skapa ett nytt anspråk utifrån detta med uppdaterat utförandebevis.
finding-edit-field-locked = Fältet kan inte ändras i anspråkets nuvarande status.
finding-text-required = Texten är obligatorisk.
finding-date-format = Datum måste skrivas ÅÅÅÅ-MM-DD och finnas i kalendern.
finding-input-invalid = Indata har inte den förväntade formen.
finding-text-too-long = Texten är för lång: ett fält rymmer högst 10 000 tecken (ett anspråks namn 100), en kommentar eller anteckning 20 000.
finding-list-too-long = Listan är för lång: ett anspråk rymmer högst 50 produkter, 100 dokument, 1 000 kommentarer och 5 000 historikposter.
finding-claim-too-large = Anspråket är för stort för att sparas: ett anspråk får ta högst 4 MB.
finding-csv-header-missing = Filen saknar rubrikrad: första raden måste ange kolumnernas namn (claim_name, customer_domain, tenant_id, product, …).
finding-csv-column-missing = En obligatorisk kolumn saknas i rubrikraden: claim_name, customer_domain, tenant_id och product behövs.
finding-csv-duplicate-column = Kolumnen förekommer mer än en gång i rubrikraden, så det är oklart vilken som ska användas.
finding-csv-unknown-column = Kolumnen är okänd och ignoreras.
finding-csv-malformed = Raden är inte giltig CSV: ett citerat fält avslutas inte, eller ett citattecken står inne i ett ociterat fält eller efter ett avslutande citattecken.
finding-csv-field-count = Raden har ett annat antal fält än rubrikraden.
finding-csv-row-conflict = Anspråkets rader har olika värden i den här kolumnen: varje rad i ett anspråk måste upprepa samma anspråksuppgifter.
finding-csv-duplicate-id = Ett anspråk med detta ID finns redan här; det importeras som ett nytt anspråk med ett nytt ID.
finding-csv-claim-id-format = Anspråkets ID är inget GUID; anspråket får ett nytt ID.
finding-csv-partner-org-mismatch = Anspråket tillhör en annan partnerorganisation; anspråk importeras bara till din egen organisation.
finding-csv-draft-only = Endast anspråkets uppgifter importeras: det blir ett nytt utkast (Redigering), utan status, historik, kommentarer eller dokument.
finding-csv-subscription-ignored = Endast produkter inom Affärsprogram görs anspråk på per prenumeration; prenumerations-ID:t importeras inte.
finding-csv-too-many-rows = Filen har fler än 20 000 rader, det mesta en import läser: ingenting importeras från den. Dela upp den i mindre filer.

## Shared words

no-documents-yet = Inga dokument ännu.
claim-name = Anspråkets namn
solution-area = Lösningsområde
partner-role = Partnerroll
partner-organisation = Partnerorganisation
partner-location-mpn-id = Partnerplats (MPN-ID)
customer-organisation-name = Kundorganisationens namn
customer-domain = Kundens domän
tenant-id = Klient-ID
products = Produkter
subscription-id = Prenumerations-ID
subscription-id-optional = Prenumerations-ID (valfritt)
customer-contact = Kundkontakt
partner-contact = Partnerkontakt
created = Skapad
download = Ladda ner
remove = Ta bort
choose = Välj…
cancel = Avbryt
simulation = simulering
go-to-your-claims = Gå till dina anspråk
your-claims = Dina anspråk
competing-claim = Konkurrerande anspråk
comments = Kommentarer
comment-optional = Kommentar (valfri)
customer = Kund
new-claim = Nytt anspråk
partner-location = Partnerplats

## banners

banners-dismiss = Stäng
banners-unsaved-change = Osparad ändring:
banners-load-the-latest-version-and-apply = Hämta senaste versionen och gör min ändring igen
banners-try-again = Försök igen
banners-discard-my-change-and-show-the = Släng min ändring och visa senaste versionen
banners-update-ready = En ny version av CPOR Desk är klar. Spara det du redigerar och ladda sedan om för att använda den.
banners-update-reload = Ladda om

## checklist

checklist-proof-of-execution-is-not-required = Utförandebevis krävs inte för det här anspråket: partnerrollen är endast intäktskoppling (ingen incitamentsutbetalning).
checklist-what-reviewers-look-for-in-each = Det granskarna letar efter i varje dokument. Förhandskontrollen läser PDF-, DOCX- och TXT-dokument här i din webbläsare (inget laddas upp) och visar vad den hittade; markera det som ditt dokument visar: dina markeringar gäller före förhandskontrollen.
checklist-ticked = ☑ Bockad:{ " " }
checklist-not-ticked = ☐ Inte bockad:{ " " }

## claim

claim-subscription = prenumeration
claim-empty = (tomt)
claim-created = Anspråket skapades
claim-created-as-a-copy-of = Anspråket skapades som kopia av
claim-details-edited = Uppgifter ändrades
claim-submitted = Skickades in
claim-review-started = Granskningen startade
claim-information-requested = Information begärdes:
claim-approved = Godkändes
claim-rejected = Avslogs:
claim-customer-denied-consent = Kunden nekade medgivande
claim-consent-period-ended-sent-for-incentive = Medgivandeperioden löpte ut; skickat för utvärdering av incitament
claim-rejection-disputed = Avslaget bestreds
claim-comment-added = Kommentar lades till
claim-document-added = Dokument lades till:
claim-document-removed = Dokument togs bort:
claim-poe-checklist = PoE-checklista:
claim-ticked = markerad
claim-unticked = avmarkerad
claim-partner = partner
claim-reviewer = granskare
claim-customer = kund
claim-your-change-was-not-saved-see = Din ändring sparades inte: se meddelandet överst på sidan.
claim-reason = Anledning
claim-not-found-in-this-browser = Anspråket finns inte i den här webbläsaren
claim-claims-are-kept-in-the-browser = Anspråk sparas i webbläsaren där de skapades. En länk från någon annan, eller från en annan webbläsare eller enhet, öppnas bara om den här webbläsaren har samma anspråk (importera en exportfil under Inställningar).
claim-id = Anspråks-ID:
claim-status = Status:
claim-another-partner-s-pending-or-approved = En annan partners väntande eller godkända anspråk gäller samma kund och produkt; granskningen tar längre tid.
claim-what-you-can-do = Vad du kan göra
claim-edit-the-claim = Redigera anspråket
claim-details = Uppgifter
claim-timeline = Tidslinje
claim-proof-of-execution-documents = Utförandebevis (dokument)
claim-poe-checklist-2 = PoE-checklista
claim-history = Historik
claim-choose-a-profile-to-act-on = Välj en profil för att hantera anspråk.
claim-your-role = Din roll
claim-can-view-claims-but-not-change = kan visa anspråk men inte ändra dem.
claim-this-claim-belongs-to-another-partner = Anspråket tillhör en annan partnerorganisation,
claim-you-can-view-it-but-not = : du kan visa det men inte ändra det.
claim-the-claim-was-submitted-for-review = Anspråket skickades in för granskning.
claim-submit-claim = Skicka in anspråk
claim-edit = Redigera
claim-request-rejection = Begär avslag…
claim-request-rejection-of-this-claim = Begär avslag för det här anspråket
claim-the-claim-is-rejected-as-partner = Anspråket avslås som "Partnerbegäran" och kan inte bestridas.
claim-request-rejection-2 = Begär avslag
claim-you-can-dispute-this-rejection-until = Du kan bestrida avslaget till och med
claim-justification-for-the-dispute = Motivering till bestridandet
claim-dispute = Bestrid
claim-last-day = sista dag:
claim-a-claim-rejected-on-your-own = Ett anspråk som avslagits på egen begäran kan inte bestridas.{ " " }
claim-this-claim-has-already-been-disputed = Anspråket har redan bestridits och kan inte bestridas igen.{ " " }
claim-you-can-start-again-with-a = Du kan börja om med ett nytt anspråk som kopierar uppgifterna (nytt utförandebevis behövs).
claim-create-a-new-claim-from-this = Skapa ett nytt anspråk från det här
claim-print = Skriv ut eller spara som PDF
claim-printed-on = Utskrivet från CPOR Desk den { $date }.
claim-delete-draft = Radera utkastet…
claim-delete-draft-title = Radera utkastet?
claim-delete-draft-text = Utkastet ”{ $name }” och dess dokument raderas från den här webbläsaren. Det går inte att ångra.
claim-delete-draft-confirm = Radera utkastet
claim-draft-deleted = Utkastet ”{ $name }” raderades.
claim-deleted = Utkastet raderades

## claims

claims-action-required = åtgärd krävs
claims-overdue = försenad
claims-due-soon = snart sista dag
claims-dispute-window-closing = bestridandefönstret stänger
claims-domain = Domän
claims-status = Status
claims-location = Plats
claims-next-deadline = Nästa tidsgräns
claims-no-claims-yet-start-one-with = Inga anspråk ännu. Börja med Nytt anspråk.
claims-pages = Sidor
claims-previous-page = Föregående sida
claims-next-page = Nästa sida
claims-by-status = Anspråk per status
claims-needs-attention = Behöver åtgärd
claims-search-claims = Sök anspråk
claims-claim-name-customer-domain-tenant-id = Anspråkets namn, kund, domän, klient-ID eller produkt.
claims-any = Alla
claims-due-within = Sista dag inom
claims-any-time = När som helst
claims-competing-only = Endast konkurrerande
claims-competing = konkurrerande
claims-sort-by = Sortera efter
claims-sort-descending = Omvänd ordning

## claims-bulk

claims-bulk-export-csv = Exportera CSV
claims-bulk-export-deadlines-ics = Exportera tidsgränser (.ics)
claims-bulk-import-claims-from-csv = Importera anspråk från CSV
claims-bulk-exports-cover-the-claims-the-list = Exporten omfattar anspråken som listan visar (sökning och filter gäller). CSV: en rad per anspråk och produkt. Importerade anspråk blir utkast för din organisation.
claims-bulk-csv-import-check-before-importing = CSV-import: kontrollera innan du importerar
claims-bulk-findings-per-row = Fynd per rad
claims-bulk-row = Rad
claims-bulk-column = Kolumn
claims-bulk-code = Kod
claims-bulk-message = Meddelande
claims-bulk-error = Fel:{ " " }
claims-bulk-warning = Varning:{ " " }
claims-bulk-claims-in-the-file = Anspråk i filen
claims-bulk-has-errors = : har fel

## comments

comments-no-comments-yet = Inga kommentarer ännu.
comments-add-a-comment = Lägg till en kommentar
comments-add-comment = Lägg till kommentar

## details

details-claim-id = Anspråks-ID

## documents

documents-comment-for-the-document-optional = Kommentar till dokumentet (valfri)
documents-add-poe-document = Lägg till PoE-dokument
documents-or-drop-files-here-accepted-pdf = Eller släpp filer här. Tillåtet: PDF, DOCX, DOC, XLSX, PPTX, PNG, JPEG, TXT, EML, MSG, högst 20 MB per fil; typen kontrolleras utifrån filens innehåll.
documents-checking-and-storing = Kontrollerar och sparar…
documents-error = Fel
documents-name = Namn
documents-type = Typ
documents-size = Storlek
documents-added = Tillagt
documents-comment = Kommentar
documents-actions = Åtgärder
documents-the-template-could-not-be-made = Mallen kunde inte skapas.
documents-download-poe-template = Ladda ned PoE-mall
documents-a-word-document-docx-filled-in = Ett Word-dokument (DOCX) ifyllt med anspråkets partner, kund, klient-ID, produkter, aktiviteter och datum, med rader för kundens och ert intygande. Låt kunden fylla i raderna och lägg sedan till dokumentet här: förhandskontrollen känner igen det.
documents-preparing-the-template = Förbereder mallen…
documents-the-file-could-not-be-read = filen kunde inte läsas.
documents-the-download-could-not-be-started = Nedladdningen kunde inte startas
documents-the-file-s-content-is-not = filens innehåll finns inte i den här webbläsaren.
documents-remove-title = Ta bort dokumentet?
documents-remove-text = ”{ $name }” tas bort från anspråket och filen raderas från den här webbläsaren.
documents-withdraw = Dra tillbaka
documents-withdraw-title = Dra tillbaka dokumentet?
documents-withdraw-text = ”{ $name }” dras tillbaka från anspråket och filen raderas från den här webbläsaren. Historiken visar granskaren att du drog tillbaka det. Lägg till det dokument som besvarar begäran och skicka sedan in anspråket igen.
documents-withdraw-hint = Granskaren har begärt mer information: du kan dra tillbaka ett dokument som granskaren invände mot och lägga till ett bättre, och sedan skicka in anspråket igen.
documents-stay-after-submission = Inskickade dokument ligger kvar i anspråket: Microsoft granskar dem som du skickade dem. Du kan lägga till dokument; om granskaren begär mer information kan du dra tillbaka ett dokument då.
documents-locked-in-status = Dokument kan inte läggas till eller tas bort när anspråket har status { $status }.

## edit-form

edit-form-nothing-was-changed = Inget ändrades.
edit-form-locked-after-submission = Låst efter inskickning.
edit-form-not-enrolled-in-incentives = { " " }(inte anmäld till incitament)
edit-form-product = Produkt
edit-form-remove-product = Ta bort produkt
edit-form-add-product = Lägg till produkt
edit-form-every-field-can-be-changed-while = Alla fält kan ändras så länge anspråket är ett utkast.
edit-form-after-submission-only-the-partner-location = Efter inskickning kan bara partnerplats, produkter (med prenumerations-ID) och kontakter ändras; övriga fält är låsta.
edit-form-save-changes = Spara ändringar

## history

history-changed-fields = Ändrade fält
history-field = Fält
history-before = Före
history-after = Efter

## inbox

inbox-customer-inbox = Kundens inkorg
inbox-simulation-you-act-as-the-customer = Simulering: du agerar som kundkontakten som anges i varje anspråk.
inbox-when-microsoft-approves-a-claim-the = När Microsoft godkänner ett anspråk får kundkontakten veta vilken partner som kopplas till organisationen och kan neka medgivande. Anspråk för intäktskoppling skickar inget meddelande.
inbox-no-notices = Inga meddelanden.
inbox-if-you-do-not-agree-you = Om du inte håller med kan du neka medgivande. Medgivandeperiodens sista dag är
inbox-after-that-the-association-is-sent = Därefter skickas kopplingen för utvärdering av incitament; du kan fortfarande neka medgivande senare.
inbox-if-you-do-not-agree-you-2 = Om du inte håller med kan du neka medgivande. Den aktuella policyn har ingen medgivandeperiod: kopplingen utvärderas direkt, och du kan fortfarande neka medgivande när som helst.
inbox-consent-denied = Medgivande nekat
inbox-the-partner-association-will-not-be = Partnerkopplingen används inte för incitament.
inbox-the-consent-period-has-ended-and = Medgivandeperioden har löpt ut och anspråket har skickats för utvärdering av incitament. Du kan fortfarande neka medgivande.
inbox-from = Från:
inbox-microsoft-partner-center-simulated = Microsoft Partner Center (simulerat)
inbox-to = Till:
inbox-cc = Kopia:
inbox-the-office-admin-of = Office-administratören för
inbox-the-global-administrators-of-the-customer = de globala administratörerna för kundens Microsoft 365-klient
inbox-not-in-copy = Inte i kopia:
inbox-the-claiming-partner-is-not-in = den anspråksställande partnern får ingen kopia av meddelandet.
inbox-date = Datum:
inbox-hello = Hej
inbox-has-been-recognised-by-microsoft-as = har av Microsoft erkänts som partner för din organisation
inbox-tenant = klient
inbox-for = för:
inbox-your-contact-at = Din kontakt hos
inbox-your-organisation-has-a-microsoft-partner = Din organisation har en Microsoft-partner registrerad
inbox-deny-consent = Neka medgivande
inbox-deny-consent-title = Neka medgivande?
inbox-deny-consent-text = { $partner } erkänns inte längre som er organisations partner of record för de här produkterna: associeringen används inte för incitament. Det går inte att ångra.

## pages

pages-page-not-found = Sidan finns inte

## precheck

precheck-found = Hittat
precheck-not-found = Hittades inte
precheck-unsure = Osäkert
precheck-ticked-by-you = Markerat av dig
precheck-check-by-hand = Kontrollera själv
precheck-this-is-a-picture-so-there = Det här är en bild, så det finns ingen text att läsa: kontrollera den själv.
precheck-no-text-found-in-this-document = Ingen text hittades i dokumentet (en inskannad bild?): kontrollera det själv.
precheck-this-pdf-is-password-protected-so = PDF-filen är lösenordsskyddad och kan inte förhandskontrolleras. Kontrollera den själv, och ladda gärna upp en kopia utan lösenord: granskarna måste kunna öppna den.
precheck-the-file-looks-damaged-or-incomplete = Filen verkar skadad eller ofullständig och kan inte förhandskontrolleras. Kontrollera att den går att öppna och ladda upp den igen.
precheck-the-document-s-file-is-not = Dokumentets fil finns inte sparad i den här webbläsaren (bara uppgifterna om den) och kan inte förhandskontrolleras.
precheck-only-pdf-docx-and-txt-documents = Bara PDF-, DOCX- och TXT-dokument förhandskontrolleras: markera punkterna själv.
precheck-the-pre-check-stopped-on-this = Förhandskontrollen avbröts för det här dokumentet: kontrollera det själv.
precheck-limited-pages = Bara de första { $checked } av dess { $total } sidor kontrollerades.
precheck-limited-text = Det är långt: bara de första 5 MB text kontrollerades.
precheck-took-too-long = Förhandskontrollen tog för lång tid för det här dokumentet: kontrollera det själv.
precheck-technical-details = Tekniska detaljer (för support)
precheck-checking-the-documents = Kontrollerar dokumenten…
precheck-every-checklist-item-is-met-a = Alla punkter är uppfyllda: en granskare skulle troligen inte begära mer bevis.
precheck-nothing-could-be-pre-checked-tick = Inget kunde förhandskontrolleras: markera det som dina dokument visar.
precheck-before-you-submit-a-reviewer-would = Innan du skickar: en granskare skulle troligen begära
precheck-pre-check-summary = Sammanfattning av förhandskontrollen
precheck-checking-the-document = Kontrollerar dokumentet…
precheck-pre-check-a-reviewer-would-likely = Förhandskontroll: en granskare skulle troligen begära
precheck-see-the-poe-checklist-below = Se PoE-checklistan nedan.

## profile

profile = Profil
profile-choose-who-you-are-before-working = Välj vem du är innan du arbetar med anspråk. Det finns två demoorganisationer, så att konkurrerande anspråk kan provas.
profile-your-name = Ditt namn
profile-enter-your-name = Ange ditt namn.
profile-role = Roll
profile-this-role-may-view-create-edit = Den här rollen får visa, skapa, ändra och skicka anspråk.
profile-this-role-may-only-view-claims = Den här rollen får bara visa anspråk.
profile-use-this-profile = Använd den här profilen

## review

review-desk = Granskningsdesk
review-simulation-you-act-as-the-microsoft = Simulering: du agerar som Microsofts granskare.
review-all-partner-organisations-claims-in-this = Alla partnerorganisationers anspråk i den här webbläsaren som väntar på beslut, och de som väntar på partnerns svar (endast visning).
review-nothing-to-review = Inget att granska.
review-approved = Godkände
review-start-review = Starta granskning
review-approve = Godkänn
review-request-information = Begär information…
review-reject = Avslå…
review-waiting-for-the-partner-information-was = Väntar på partnern: information har begärts. Inget att göra förrän de skickar in igen.
review-request-information-from-the-partner = Begär information från partnern
review-reasons-at-least-one = Anledningar (minst en)
review-comment-to-the-partner-optional = Kommentar till partnern (valfri)
review-request-information-2 = Begär information
review-reject-the-claim = Avslå anspråket
review-reject-claim = Avslå anspråket
review-documents-and-comments = Dokument och kommentarer
review-documents = Dokument
review-answer-the-dispute = Besvara bestridandet:
review-approve-the-claim-or-reject-it = godkänn anspråket eller avslå det igen.
review-rejected-before-as = Avslogs tidigare som:
review-partner-s-justification = Partnerns motivering:
review-requested = Begärt:
review-per-tenant-and-workload = — (per klient och arbetsbelastning)
review-competing-claims-side-by-side = Konkurrerande anspråk sida vid sida
review-this-claim = Det här anspråket
review-approve-this-claim-rejects-the-competing = Godkänn det här anspråket (de konkurrerande förlorar associationen)

## settings

settings = Inställningar
settings-general = Allmänt
settings-language = Språk
settings-policy = Policy
settings-simulated-today = Simulerat datum i dag
settings-the-app-acts-as-if-today = Appen gör som om i dag vore
settings-deadlines-and-automatic-transitions-follow-this = Tidsgränser och automatiska övergångar följer detta datum.
settings-the-real-date-is-used = Det verkliga datumet används
settings-use-the-real-date = Använd det verkliga datumet
settings-directory = Katalog
settings-storage-persistent = Den här webbläsaren sparar dina data permanent: den raderar dem inte när diskutrymmet tar slut.
settings-storage-not-persistent = Den här webbläsaren har inte gått med på att spara dina data permanent: den kan radera dem när diskutrymmet tar slut, eller efter flera veckor utan besök (Safari). Exportera dina data regelbundet, eller installera appen.
settings-storage-used = { $used } används av { $quota } som appen har tillgång till.
settings-where-domain-and-tenant-facts-come = Varifrån uppgifter om domän och klient kommer
settings-demo-directory-built-in-contoso-fabrikam = Demokatalog (inbyggd: Contoso, Fabrikam; fungerar utan nät)
settings-online-lookup-public-openid-discovery-document = Uppslag på nätet (offentligt OpenID-discovery-dokument)
settings-authority-url = Auktoritets-URL
settings-the-tenant-of-a-domain-is = Domänens klient läses från { "{" }authority{ "}" }/{ "{" }domain{ "}" }/v2.0/.well-known/openid-configuration. Om uppslaget misslyckas (utan nät, blockerat) anger du klient-ID för hand: då kontrolleras bara formatet.
settings-exported-everything-to = Allt exporterades till
settings-kept-this-browser-s-newer-copy = Behöll den här webbläsarens nyare version av:
settings-your-data = Dina data
settings-memory-only-not-kept = bara i minnet (sparas inte)
settings-claims-and-documents-are-stored-in = Anspråk och dokument sparas i den här webbläsaren:
settings-claims = Anspråk:
settings-export-all-data = Exportera alla data
settings-import-data-from-an-export-file = Importera data från en exportfil
settings-claims-that-are-newer-in-this = Anspråk som är nyare i den här webbläsaren behålls och skrivs aldrig över; oläsbara poster hamnar i karantän.
settings-remove-this-unreadable-record-for-good = Radera posten för gott? Ladda ner den först om du kan behöva den.
settings-quarantined-records = Poster i karantän
settings-none-every-stored-record-could-be = Inga: alla sparade poster kunde läsas.
settings-these-stored-records-could-not-be = De här sparade posterna kunde inte läsas. De sparas här och tas inte bort: ladda ner dem för att reparera eller rapportera dem.
settings-import-limits = En exportfil får vara högst 100 MB, med högst 100 000 anspråk; dokument högst 20 MB vart. Varje anspråk kontrolleras som guiden kontrollerar det, och ett som inte klarar det hamnar i karantänen nedan, inte bland dina anspråk. Dokument får den typ som innehållet visar.
settings-import-too-large = Filen är { $size }: en exportfil får vara högst 100 MB (med högst 100 000 anspråk). Ingenting importerades.
settings-import-reading = Läser, kontrollerar och sparar filen: { $done } av { $total } läst, { $saved } { $saved ->
        [one] anspråk
       *[other] anspråk
    } sparade hittills (tas bort igen om du avbryter).
settings-import-progress = Importens förlopp
settings-import-saving = Sparar…
settings-import-cancel = Avbryt importen
settings-import-cancelled = Importen avbröts: ingenting importerades.
settings-import-kept-documents = Behöll den här webbläsarens version, eftersom filens version saknar några av dess dokument:
settings-import-document-conflicts = Behöll den här webbläsarens dokument, eftersom filen har andra byte under samma ID:
settings-import-documents-refused = Dokument som inte importerades (inte en godkänd typ enligt innehållet, tomma, över 20 MB eller oläsbara):
settings-import-refused = Anspråk som lades i karantän eftersom de inte klarar kontrollerna:
settings-delete-this-claim = Radera det här anspråket
settings-clear-all-data = Radera alla data
settings-clear-all-explain = Raderar alla anspråk, dokument och poster i karantän i den här webbläsaren, och din profil, dina inställningar och guidens utkast, till exempel på en delad dator.
settings-clear-all-confirm = Radera allt som CPOR Desk sparar i den här webbläsaren? Det går inte att ångra. Exportera dina data först om du kan behöva dem.
settings-clear-all-export-first = Exportera alla data först
settings-clear-all-yes = Radera allt
settings-cleared = Alla data från CPOR Desk i den här webbläsaren raderades.

## shell

shell-framed = CPOR Desk körs inte inuti en annan sida. Öppna den i en egen flik.
shell-skip-to-content = Hoppa till innehållet
shell-opening-your-claims = Öppnar dina anspråk…
shell-opening-the-page = Öppnar sidan…
shell-page-did-not-load = Sidan kunde inte laddas
shell-page-did-not-load-detail = En del av CPOR Desk kunde inte hämtas; anslutningen kan ha brutits. Dina anspråk finns kvar i den här webbläsaren. Kontrollera anslutningen och försök igen.
shell-page-try-again = Försök igen
shell-your-data-stays-in-this-browser = Dina data stannar i den här webbläsaren. Granskningsdesken och Kundens inkorg är simuleringar för att prova hela processen.
shell-signed-in-as = Inloggad som
shell-main = Huvudmeny
shell-menu = Meny
help = Hjälp

## help (src/app/pages/help.rs)

help-intro = En kort guide till CPOR-anspråk och till den här appen.
help-what-is-cpor = Vad CPOR är
help-what-is-cpor-text = Claiming Partner of Record (CPOR) är hur en Microsoft-partnerorganisation begär att bli registrerad som den partner som driver en kunds köp eller användning av vissa Microsoft-produkter. Du lämnar in ett anspråk för kundens klient (tenant) och de produkter du arbetar med, och styrker det med utförandebevis (PoE): dokument som visar ditt arbete. Microsoft granskar anspråket och godkänner eller avslår det.
help-areas-and-roles = Två lösningsområden kan göras anspråk på, vart och ett med egna partnerroller (den typ av arbete du gör anspråk på):
help-process = Processen och dess tidsfrister
help-step-draft = Nytt anspråk: guiden kontrollerar uppgifterna och sparar anspråket som utkast (Redigering). Lägg till dina PoE-dokument på anspråkssidan och skicka sedan in anspråket. Ett utkast som du inte längre behöver kan raderas.
help-step-submitted = Skickad: Microsoft påbörjar granskningen inom { $days }.
help-step-under-review = Under granskning: Microsoft fattar beslut inom { $days }.
help-step-action-required = Partneråtgärd krävs: granskaren begär mer information. Du har { $days } på dig att svara: lägg till dokument (eller dra tillbaka ett som granskaren invände mot), ändra det som fortfarande får ändras och skicka in anspråket igen. Utan svar avslås anspråket automatiskt.
help-step-approved = Godkänd: kundens kontaktperson får ett meddelande om medgivande och kan neka medgivande inom { $days } (medgivandeperioden). Därefter skickas anspråket för utvärdering av incitament.
help-step-approved-no-consent-period = Godkänd: anspråket skickas direkt för utvärdering av incitament. Kundens kontaktperson kan ändå neka medgivande när som helst.
help-step-rejected = Avslagen: du kan bestrida beslutet { $disputes ->
        [one] en gång
       *[other] upp till { $disputes } gånger
    }, inom { $days }.
help-step-disputed = Microsoft besvarar ett bestridande inom { $days }. När tiden för att bestrida har gått ut startar du ett nytt anspråk med uppdaterat utförandebevis.
help-business-days = Arbetsdagar är måndag till fredag, utom helgdagarna i den policy som används ({ $policy }, väljs under Inställningar). Varje anspråkssida visar den öppna tidsfristen och hur många dagar som återstår.
help-good-poe = Vad ett bra utförandebevis innehåller
help-good-poe-intro = Granskarna letar efter fem saker i dina dokument:
help-good-poe-dates = Datum som ligger mer än { $months } före anspråket räknas som gamla: visa aktuella milstolpar eller underskrifter.
help-good-poe-tools = På anspråkssidan läser förhandskontrollen PDF-, DOCX- och TXT-dokument i din webbläsare och visar vad den hittade för varje punkt, och Ladda ned PoE-mall ger ett Word-dokument med anspråkets uppgifter och rader där kunden intygar arbetet. Godkända filer, upp till 20 MB var: PDF, DOCX, DOC, XLSX, PPTX, PNG, JPEG, TXT, EML och MSG.
help-your-data = Var dina data sparas
help-your-data-where = Allt stannar i den här webbläsaren: anspråk och deras dokument i webbläsarens lagring (IndexedDB, eller localStorage där IndexedDB inte finns); din profil, dina inställningar och guidens utkast i localStorage. Inget skickas till någon server. Bara onlineuppslaget, om du väljer det under Inställningar, frågar Microsofts öppna katalog vilken klient en domän hör till.
help-your-data-move = En annan webbläsare eller enhet ser inte dina anspråk. Exportera alla data (Inställningar) ger en fil som du kan importera någon annanstans eller spara som säkerhetskopia. Om du rensar webbplatsens data i webbläsaren raderas allt.

## state

state-the-claim-is-not-ready = Anspråket är inte klart:
state-choose-a-profile-first = Välj en profil först.
state-indexeddb-is-not-available-so-claims = IndexedDB är inte tillgängligt, så anspråken sparas i localStorage (mindre utrymme).
state-no-browser-storage-is-available-nothing = Ingen lagring i webbläsaren är tillgänglig: inget sparas när fliken stängs. Exportera ditt arbete innan du stänger.

## status-diagram

status-diagram-only-if-the-reviewer-asks-for = bara om granskaren begär mer information; skicka in igen härifrån
status-diagram-sent-for-incentive-evaluation = skickat för utvärdering av incitament
status-diagram-by-the-reviewer-on-the-partner = av granskaren, på partnerns begäran eller utan partnersvar
status-diagram-the-customer-contact-denied-consent = kundkontakten nekade medgivande
status-diagram-the-partner-disputed-a-rejection = partnern bestred ett avslag
status-diagram-current-status = (nuvarande status)
status-diagram-claim-status = Anspråkets status
status-diagram-usual-path = Vanlig väg
status-diagram-other-outcomes = Andra utfall

## sync (teamsynk: inställningar, statusindikator, markeringar och konflikter)

sync-title = Teamsynk
sync-intro = Dela organisationens anspråk med dina kollegor via organisationens CouchDB-server. Alla anspråk finns kvar i den här webbläsaren också, så appen fungerar utan nätverk och skickar dina ändringar när servern går att nå.
sync-needs-profile = Välj en profil först: teamsynk hör till profilens partnerorganisation.
sync-needs-indexeddb = Teamsynk behöver IndexedDB, som webbläsaren inte erbjuder här (se ”Dina data” nedan).
sync-is-on = Teamsynk är på.
sync-is-off = Teamsynk är av.
sync-server-address = Serveradress
sync-server-address-help = Till exempel https://couch.example.com (http:// bara för en server på den här datorn). Servern måste tillåta den här webbplatsen (CORS) eller nås via samma webbplats (en omvänd proxy).
sync-database = Databas
sync-database-help = En databas per partnerorganisation; det föreslagna namnet är cpor- följt av organisationens id.
sync-sign-in-with = Logga in med
sync-user-and-password = Användarnamn och lösenord
sync-token = En token (JWT) från organisationens inloggning
sync-user-name = Användarnamn
sync-password = Lösenord
sync-token-field = Token
sync-credentials-kept = Användarnamnet och lösenordet, eller token, sparas i webbläsarens lagring (IndexedDB) tills du loggar ut. Alla som kan använda den här webbläsarprofilen kan läsa dem: logga ut på en delad dator.
sync-server-limits = Servergränser
sync-limits-couchdb = Apache CouchDB: PoE-filer upp till 20 MB
sync-limits-cloudant = IBM Cloudant: PoE-filer upp till 10 MB (och 1 MB per anspråk)
sync-test-connection = Testa anslutningen
sync-turn-on = Slå på synk
sync-turn-off = Slå av synk
sync-sign-out = Logga ut
sync-testing = Testar anslutningen…
sync-connected = Ansluten: servern är CouchDB, inloggningen fungerar och databasen { $database } går att läsa.
sync-turned-on = Teamsynk är på: dina anspråk delas med databasens övriga medlemmar.
sync-turned-off = Teamsynk är av. Dina anspråk finns kvar i webbläsaren; ändringarna skickas när du slår på den igen.
sync-signed-out = Utloggad: lösenordet eller token sparas inte längre, och synk är av.
sync-problem-url-missing = Ange serverns adress.
sync-problem-url-invalid = Serveradressen ska se ut som https://couch.example.com (utan användarnamn, frågesträng eller fragment).
sync-problem-url-insecure = Använd https:// för en server på en annan dator: med http:// skulle lösenordet skickas okrypterat.
sync-problem-database-invalid = Databasnamnet måste börja med en liten bokstav och får bara innehålla a–z, 0–9 och _ $ ( ) + / -.
sync-problem-credentials-missing = Ange användarnamn och lösenord, eller en token.
sync-error-unreachable = Synkservern går inte att nå: kontrollera adressen och nätverket.
sync-error-unauthorized = Servern godtog inte inloggningen (401): kontrollera användarnamn och lösenord, eller token, under Inställningar.
sync-error-forbidden = Ditt konto får inte använda den här databasen (403): be organisationens CouchDB-administratör om behörighet.
sync-error-not-couchdb = Adressen svarar inte som en CouchDB-server: kontrollera serveradressen.
sync-error-database-missing = Databasen finns inte på servern: kontrollera namnet, eller be administratören skapa den med provisioneringskommandot.
sync-error-server = Synkservern svarade med ett fel.
sync-error-protocol = Synkservern skickade ett svar som inte gick att läsa.
sync-error-timeout = Synkservern svarade inte i tid.
sync-error-refused = Servern avvisade en ändring.
sync-error-config = Inställningarna för teamsynk är inte fullständiga: se Inställningar.
sync-error-local = Webbläsarens lagring fick ett fel under synkningen.
sync-indicator-starting = Startar synk…
sync-indicator-syncing = Synkar…
sync-indicator-up-to-date = Synkad
sync-indicator-offline = Frånkopplad
sync-indicator-error = Synken har stoppat:
sync-indicator-retrying = Synken försöker igen av sig själv.
sync-indicator-settings = Inställningar för teamsynk
sync-try-again = Försök igen
sync-not-sent = Inte skickad än
sync-not-sent-count = { $n ->
        [one] 1 ändring inte skickad än
       *[other] { $n } ändringar inte skickade än
    }
sync-conflict-tag = Synkkonflikt
sync-conflict-title = En kollega ändrade samma fält i anspråket
sync-conflict-intro = Båda versionerna ändrade fälten nedan. Välj för varje fält vilken version som ska gälla och spara: resultatet kontrolleras som vilken ändring som helst och skickas till dina kollegor.
sync-conflict-field = Fält
sync-conflict-before = Före
sync-conflict-mine = Din
sync-conflict-theirs = Deras (på servern)
sync-conflict-keep-mine = Behåll min
sync-conflict-keep-theirs = Behåll deras
sync-conflict-locked = (den andra versionen flyttade anspråket till { $status }, där fältet är låst)
sync-conflict-save = Spara de valda versionerna
sync-conflict-whole-claim = Hela anspråket
sync-conflict-removed = (borttagen)
sync-conflict-resolved = Konflikten är löst; ditt val skickas till dina kollegor.
sync-conflict-deleted-by-colleague = En kollega tog bort anspråket medan du ändrade det
sync-conflict-deleted-here = Anspråket togs bort här medan en kollega ändrade det
sync-conflict-delete-choice = Behålla anspråket med ändringarna, eller ta bort det?
sync-conflict-keep-it = Behåll det
sync-conflict-delete-it = Ta bort det

## timeline

timeline-open-deadlines = Öppna tidsgränser
timeline-no-open-deadline = Ingen öppen tidsgräns.
timeline-overdue = Försenad
timeline-status-changes = Statusändringar
timeline-every-change-is-in-history = Alla ändringar, med vem som gjorde dem och när, finns under Historik.

## wizard

wizard-solution-area-and-partner-role = Lösningsområde och partnerroll
wizard-subscriptions = Prenumerationer
wizard-contacts-and-claim-name = Kontakter och anspråkets namn
wizard-review = Granska
wizard-discard-this-draft-and-start-over = Släng utkastet och börja om?
wizard-start-over = Börja om
wizard-your-role-may-only-view-claims = Din roll får bara visa anspråk. Välj en profil som global administratör, faktureringsadministratör, incitamentsadministratör eller incitamentsanvändare för att skapa ett.
wizard-your-draft-is-saved-in-this = Utkastet sparas i webbläsaren medan du skriver.
wizard-steps = Steg
wizard-please-correct-the-fields-marked-as = Rätta fälten som är markerade med fel innan du fortsätter.
wizard-back = Tillbaka
wizard-continue = Fortsätt
wizard-do-not-pick-revenue-association-influenced = Välj inte ”{ $role }” om du vill ha incitament: intäktsassociering ger inga.
wizard-show-only-locations-enrolled-in-incentives = Visa bara platser som är anmälda till incitament
wizard-not-enrolled = { " " }– inte anmäld
wizard-looking-up-the-tenant-of = Slår upp klienten för
wizard-the-tenant-of-the-domain-is = Domänens klient slås upp på nätet när du lämnar fältet.
wizard-the-directory-says = Katalogen säger att{ " " }
wizard-belongs-to-tenant = { " " }hör till klient{ " " }
wizard-use-this-tenant-id = Använd detta klient-ID
wizard-the-directory-lists-these-subscriptions-of = Katalogen visar de här prenumerationerna av produkten hos klienten; välj en för att fylla i den:
wizard-use-subscription = Använd prenumeration
wizard-the-partner-contact-is-named-in = Partnerkontakten nämns i e-postmeddelandet om medgivande som kunden får.
wizard-change = Ändra
wizard-these-must-be-corrected-before-the = Det här måste rättas innan anspråket kan skapas:
wizard-warnings-they-do-not-block = Varningar (de stoppar inte):
wizard-the-claim-is-stored-in-status = Anspråket sparas med status Redigering. Du lägger till bevis på genomförande och skickar det från anspråkets sida.
wizard-create-claim = Skapa anspråk

## Rules: next steps, notices, arbitration and calendars
notice-review-started = Granskningen har startat
notice-info-requested = Information begärd: { $reasons }
notice-approved = Godkänt
notice-rejected = Avslaget: { $reason }
notice-consent-denied = Kunden nekade medgivande
notice-consent-period-ended = Medgivandeperioden har löpt ut: skickat för utvärdering av incitament
notice-association-ended = Associationen upphörde för { $products }: en annan partners anspråk godkändes
notice-comment = Ny kommentar från Microsoft
wizard-domain-that-will-be-claimed = Anspråket gäller domänen:
wizard-tenant-id-that-will-be-stored = Klient-ID:t sparas som:
wizard-the-directory-knows-the-registered-domain = Katalogen känner inte till domänen, men den känner till { $domain }, kundens registrerade domän som den hör till. Anspråk gäller den registrerade domänen.
wizard-use-domain = Använd { $domain }
wizard-only-select-products-you-are-engaged-with = Välj bara produkter som du aktivt arbetar med hos den här kunden; andra kan göra att anspråket avslås eller fördröjs.
wizard-the-only-subscription-is-used = Kunden har en prenumeration av produkten; den används för anspråket.
wizard-where-the-customer-finds-the-subscription-id = Kunden hittar prenumerations-ID:t i administrationscentret för Microsoft 365 under Fakturering › Dina produkter: välj prenumerationen; dess ID finns på dess sida.
confirm-warnings-title = Fortsätta trots varningarna?
confirm-warnings-intro = Kontrollerna hittade de här varningarna. De stoppar inte anspråket, men en granskare kan fråga om dem eller avslå anspråket.
confirm-warnings-go-back = Gå tillbaka
confirm-create-anyway = Skapa anspråket ändå
confirm-submit-anyway = Skicka ändå
documents-poe-guidance = Utförandebevis är oftast ett uppdragsavtal (SOW), ett ramavtal eller en inköpsorder. Granskarna letar efter kundens underskrift eller bekräftelse, de produkter anspråket gäller med det arbete som planeras eller pågår, de aktiviteter som driver intäkter eller användning, båda organisationernas namn och tydliga datum (milstolpar och underskriftsdatum).
next-respond-reasons = Granskaren bad om mer information: { $reasons }.
next-reviewer-comment = Granskarens kommentar: ”{ $comment }”
next-respond-how = Svara senast { $date }: ändra anspråket eller lägg till utförandebevis och skicka sedan anspråket igen. En kommentar räcker inte som svar: utan en ny inskickning avslås anspråket efter den dagen.
next-respond-how-undated = Ändra anspråket eller lägg till utförandebevis och skicka sedan anspråket igen. En kommentar räcker inte som svar.
next-rejected = Avslaget: { $reason }.
next-approved = Godkänt: din organisation är nu associerad med kunden för de produkter anspråket gäller. Godkännandet är denna association, inte en utbetalning.
next-approved-consent = Kunden kan neka medgivande till och med { $date }. Därefter skickas anspråket för utvärdering av incitament, och incitamentsprogrammet avgör om det ger incitament.
next-approved-no-consent = Anspråket skickas för utvärdering av incitament; incitamentsprogrammet avgör om det ger incitament.
next-sent-for-evaluation = Medgivandeperioden har löpt ut och anspråket har skickats för utvärdering av incitament. Godkännandet är associationen med kunden; om det ger incitament avgör incitamentsprogrammet.
next-consent-denied = Kunden nekade medgivande, så associationen registreras inte. Inget mer kan göras med det här anspråket. Om kunden senare vill arbeta med er kring produkterna kan du skapa ett nytt anspråk med nytt utförandebevis.
next-subscription-ended = Katalogen anger prenumerationen { $subscription } ({ $product }) som { $status }. En prenumeration får ett nytt ID när den löper ut, och anspråket följer inte med: be kunden om den nya prenumerationens ID och skapa ett nytt anspråk för den.
next-association-ended = En annan partners anspråk för { $products } hos kunden godkändes. Bara en partner kan vara associerad med en produkt eller prenumeration, så din association för dem upphörde.
subscription-status-active = aktiv
subscription-status-in-grace = i respitperiod
subscription-status-expired = utgången
subscription-status-disabled = inaktiverad
subscription-status-suspended = avstängd
subscription-status-unknown = inte aktiv
support-link = Kontakta supporten
claim-checks-before-submitting = Kontrollerna som körs när anspråket skickas, som det ser ut nu:
claim-dispute-with-text-or-documents = Ange en affärsmässig motivering, uppdaterat utförandebevis eller både och.
claim-updated-poe-for-the-dispute = Uppdaterat utförandebevis (valfritt)
comments-a-comment-is-not-a-response = En kommentar räcker inte som svar på begäran om information: ändra anspråket eller lägg till utförandebevis och skicka sedan anspråket igen.
comment-note-competing-review = En annan partner har eller gör anspråk på samma kund och produkt. Microsoft granskar båda partnernas utförandebevis och kan be båda om mer information, så granskningen kan ta längre tid än fem arbetsdagar.
comment-note-association-ended = En annan partners anspråk för { $products } hos kunden godkändes. Bara en partner kan vara associerad med en produkt eller prenumeration, så det här anspråkets association för dem upphörde.
claim-association-ended = Associationen upphörde (en annan partners anspråk godkändes):
claim-dispute-documents = Dokument:
review-association-moved-from = Associationen flyttades från:
notices-title = Aviseringar
notices-since-your-last-visit = Ändringar i organisationens anspråk sedan ditt senaste besök ({ $since }).
notices-nothing-new = Inget nytt sedan ditt senaste besök.
notices-mark-all-as-read = Markera alla som lästa
notices-how = Aviseringarna kommer från anspråkens historik: Microsofts beslut och kommentarer, kundens svar och tidsfrister som passeras. Du kan också få en webbläsaravisering medan appen är öppen (Inställningar).
notices-new = { $n ->
        [one] ny avisering
       *[other] nya aviseringar
    }
notices-browser-title = CPOR Desk: ett anspråk har ändrats
settings-holiday-calendar = Helgdagskalender
settings-holiday-calendar-help = Tidsfrister i arbetsdagar hoppar över helger och dessa helgdagar.
settings-support-link = Länk till support
settings-support-link-invalid = Ange en fullständig webbadress som börjar med https:// (eller http://).
settings-support-link-help = Visas i Hjälp och bredvid meddelanden som kan behöva support. Tomt: Partnercenters support ({ $url }).
settings-browser-notifications = Visa en webbläsaravisering när ett anspråk ändras medan appen är öppen
settings-browser-notifications-help = Till exempel när en kollegas ändring kommer via teamsynkronisering. Webbläsaren ber först om tillstånd; inget skickas till någon server.
settings-notifications-denied = Webbläsaren tillät inte aviseringar. Du kan tillåta dem för webbplatsen i webbläsarens inställningar.
settings-notifications-unsupported = Den här webbläsaren kan inte visa aviseringar.
settings-notifications-not-granted = Aviseringar är påslagna, men webbläsaren tillåter dem inte för webbplatsen just nu.

## Field labels and navigation

claims = Anspråk
customer-contact-name = Kundkontaktens namn
customer-contact-email = Kundkontaktens e-post
customer-contact-phone-optional = Kundkontaktens telefon (valfritt)
partner-contact-name = Partnerkontaktens namn
partner-contact-email = Partnerkontaktens e-post
partner-contact-phone-optional = Partnerkontaktens telefon (valfritt)
partner = Partner
subscription = Prenumeration

## Claim statuses, reasons and roles

checklist-item-acknowledgement = Kundens underskrift eller bevis på kundens bekräftelse
checklist-item-products = Produkterna/arbetsbelastningarna nämns, med planerat eller pågående arbete
checklist-item-activities = Aktiviteter som driver intäkt eller användning anges uttryckligen
checklist-item-names = Partnerns och kundens namn syns tydligt
checklist-item-dates = Datum anges tydligt och är inte gamla
partner-request-wrong-mpn = Fel MPN-ID
partner-request-wrong-activity = Fel aktivitet (partnerroll)
partner-request-no-longer-working-with-customer = Arbetar inte längre med kunden
reject-reason-insufficient-poe = Otillräckligt utförandebevis
reject-reason-missing-customer-consent-in-poe = Kundmedgivande saknas i PoE
reject-reason-missing-products = Produkter saknas
reject-reason-poe-not-available = PoE är inte tillgängligt
reject-reason-competing-claim = Konkurrerande anspråk
reject-reason-partner-request = Partnerbegäran
reject-reason-no-partner-response = Inget partnersvar
info-reason-missing-all-poe = PoE saknas helt
info-reason-missing-customer-acknowledgement = Kundbekräftelse saknas
info-reason-missing-or-old-dates = Datum saknas eller är gamla
info-reason-missing-partner-solution = Partnerlösning/-tjänst saknas
info-reason-missing-products = Produkter saknas
status-draft = Redigering
status-submitted = Skickad
status-under-review = Under granskning
status-partner-action-required = Partneråtgärd krävs
status-approved = Godkänd
status-consent-period-ended = Medgivandeperioden har löpt ut
status-rejected = Avslagen
status-customer-consent-denied = Kundmedgivande nekat
status-disputed = Bestridd
user-role-global-admin = Global administratör
user-role-billing-admin = Faktureringsadministratör
user-role-incentives-admin = Incitamentsadministratör
user-role-incentives-user = Incitamentsanvändare
user-role-account-admin = Kontoadministratör (endast visning)
user-role-referrals-admin = Hänvisningsadministratör (endast visning)
user-role-user-management-admin = Användarhanteringsadministratör (endast visning)
deadline-review-start = Granskningen startar
deadline-review-decision = Granskningsbeslut
deadline-partner-response = Ditt svar ska vara inne
deadline-consent-period = Kundens medgivandeperiod slutar
deadline-dispute-window = Sista dag att bestrida
deadline-dispute-answer = Svar på bestridandet
deadline-consequence-partner-response = Anspråket avslås automatiskt (Inget partnersvar).
deadline-consequence-consent-period = Anspråket skickas för utvärdering av incitament.
deadline-consequence-dispute-window = Därefter skapar du ett nytt anspråk med uppdaterat utförandebevis.
deadline-consequence-service-level = Microsofts servicenivå; ingen automatisk åtgärd.
deadline-due-today = sista dagen i dag
deadline-business-days-left = { $n ->
        [one] { $n } arbetsdag kvar
       *[other] { $n } arbetsdagar kvar
    }
deadline-days-left = { $n ->
        [one] { $n } dag kvar
       *[other] { $n } dagar kvar
    }
deadline-overdue-business-days = { $n ->
        [one] försenad med { $n } arbetsdag
       *[other] försenad med { $n } arbetsdagar
    }
deadline-overdue-days = { $n ->
        [one] försenad med { $n } dag
       *[other] försenad med { $n } dagar
    }
actor-partner = Partner
actor-reviewer = Microsoft-granskare
actor-customer = Kund
actor-system = CPOR Desk (automatiskt)

## Online directory lookup

openid-bad-authority = katalogadressen "{ $authority }" är varken en http(s)-adress eller en sökväg på den här webbplatsen
openid-bad-domain = "{ $domain }" är inget domännamn
openid-network = inget svar från katalogen, kanske offline eller blockerat av webbläsaren{ $detail }
openid-timeout = katalogen svarade inte i tid
openid-unknown-domain = katalogen känner inte till domänen (HTTP 400)
openid-status = katalogen svarade med HTTP-status { $status }
openid-not-json = svaret är inget JSON-dokument med OpenID-konfiguration
openid-no-issuer = svaret anger ingen utfärdare (issuer)
openid-no-tenant = utfärdaren (issuer) i svaret innehåller inget klient-ID
openid-lookup-failed = Det gick inte att slå upp klienten online ({ $detail }). Ange klient-ID:t för hand; bara formatet kontrolleras.

## PoE template (DOCX)

template-title = Utförandebevis: uppdragsbeskrivning
template-intro = Det här dokumentet beskriver det arbete som { $partner } utför åt { $customer } med de Microsoft-produkter som anges nedan. Det är utförandebeviset för CPOR-anspråket (Claiming Partner of Record) ”{ $claim }”.
template-parties = Parter
template-partner = Partner
template-location = PartnerID (MPN ID)
template-partner-contact = Kontaktperson hos partnern
template-customer = Kund
template-domain = Kundens domän
template-tenant = Kundens klient-ID (tenant ID)
template-customer-contact = Kontaktperson hos kunden
template-claim = CPOR-anspråk
template-role = Partnerroll
template-products = Produkter och arbetsbelastningar
template-subscription = prenumeration
template-activities = Aktiviteter
template-activity = { $partner } implementerar och konfigurerar { $products } hos { $customer }, håller utbildningar och workshoppar för kundens användare och stöttar införandet efter driftsättningen.
template-details = Närmare beskrivning av arbetet (milstolpar, leveranser): ____________________
template-dates = Datum
template-document-date = Dokumentets datum
template-claim-created = Anspråket skapat
template-work-start = Arbetet påbörjat
template-go-live = Driftstart (planerad eller genomförd)
template-sign-off = Intygande
template-confirm = { $customer } intygar att { $partner } utför det arbete som beskrivs i detta dokument.
template-signature = Underskrift
template-name = Namnförtydligande
template-date = Datum
template-not-set = (inte angivet)
template-file-stem = PoE-mall
template-and = och

## Messages with numbers

state-claim-not-found = Anspråk { $id } finns inte i den här webbläsaren.
state-document-not-stored = { $name } lades inte till: { $reason } Anspråket är oförändrat: lägg till filen igen.
storage-conflict = Anspråket har ändrats i en annan flik eller av en annan användare. Din ändring sparades inte och inget skrevs över.
storage-quota-exceeded = Webbläsarens lagring är full ({ $detail }). Din ändring finns kvar på sidan: frigör utrymme (exportera och ta bort gamla anspråk) och försök igen.
storage-unavailable = Webbläsarens lagring är inte tillgänglig ({ $detail }).
storage-corrupt = En sparad post kunde inte läsas ({ $detail }). Den finns kvar i karantän (Inställningar).
storage-import = Filen kan inte importeras: { $detail }.
storage-backend = Det gick inte att spara ({ $detail }).
claims-showing = { $total ->
        [0] Inga anspråk matchar.
        [one] Visar { $total } anspråk
       *[other] Visar { $from }–{ $to } av { $total } anspråk
    }
claims-page-of = Sida { $page } av { $pages }
claims-business-days = { $n ->
        [one] { $n } arbetsdag
       *[other] { $n } arbetsdagar
    }
bulk-exported-csv = Exporterade { $count } anspråk till CSV.
bulk-exported-ics = { $count ->
        [one] Exporterade { $count } öppen tidsgräns till iCalendar.
       *[other] Exporterade { $count } öppna tidsgränser till iCalendar.
    }
bulk-imported-drafts = { $count ->
        [one] Importerade { $count } anspråk som utkast.
       *[other] Importerade { $count } anspråk som utkast.
    }
bulk-imported-some-failed = Importerade { $count } anspråk; { $failed } kunde inte sparas: { $reasons }
bulk-more-claims = …och { $count } anspråk till, { $count ->
        [one] valt när det kan importeras
       *[other] valda när de kan importeras
    } (visas inte).
bulk-more-findings = …och { $count } { $count ->
        [one] fynd
       *[other] fynd
    } till (visas inte).
bulk-rows-read = { $rows ->
        [one] { $rows } rad läst
       *[other] { $rows } rader lästa
    }: { $importable } anspråk kan importeras, { $blocked } har fel och kan inte importeras.
bulk-rows = { $count ->
        [one] { " " }(rad { $rows })
       *[other] { " " }(rader { $rows })
    }
bulk-no-open-deadlines = { $count ->
        [one] Anspråket som visas har ingen öppen tidsgräns
       *[other] Inget av de { $count } anspråk som visas har en öppen tidsgräns
    }: det finns ingenting att lägga i en kalender, så ingenting laddades ner.
bulk-csv-too-large = Filen är { $size }: en CSV-fil får vara högst 20 MB, med högst 20 000 rader. Ingenting importerades.
bulk-csv-reading = Läser och kontrollerar filen: { $percent } %
bulk-csv-cancelled = Importen avbröts: ingenting importerades.
bulk-csv-limits = En CSV-fil får vara högst 20 MB, med högst 20 000 rader. Filen börjar med en byteordningsmarkering så att Excel visar alla bokstäver rätt; etiketter på ditt språk står bredvid koderna. En cell som börjar med =, +, -, @ eller en tabb får ett inledande ' så att ett kalkylprogram visar den som text (ett telefonnummer visas som '+46 …); importen tar bort det igen.
bulk-import-selected = Importera { $count } { $count ->
        [one] valt anspråk
       *[other] valda anspråk
    }
settings-imported = Importerat: { $added } nya, { $updated } uppdaterade, { $unchanged } oförändrade anspråk; { $documents } dokument; { $quarantined } { $quarantined ->
        [one] post
       *[other] poster
    } i karantän.
precheck-checked-pages = Förhandskontrollerat i din webbläsare ({ $pages } { $pages ->
        [one] sida
       *[other] sidor
    }).
precheck-unread-documents = { $count } dokument kunde inte förhandskontrolleras: markera punkterna själv.
precheck-on-page = { " " }(sida { $page })
size-bytes = { $bytes } byte
size-decimal = { $value } { $unit }
decimal-separator = ,
## Bulk CSV/ICS (src/domain/bulk/): the iCalendar event's description labels

bulk-ics-customer = Kund
bulk-ics-status = Status

## PoE evidence notes (src/domain/poe/notes.rs): what the pre-check found
## or missed in a document, next to each checklist item. The embeddable
## module returns them in English.

poe-note-partner-name = partnerns namn: { $name }
poe-note-customer-name = kundens namn: { $name }
poe-note-customer-domain-only = kundens domännamn "{ $label }" bara (svagt)
poe-note-missing = saknas: { $list }
poe-missing-partner-name = partnerns namn ({ $name })
poe-missing-partner-name-unset = partnerns namn (saknas i anspråket)
poe-missing-customer-name = kundens namn ({ $name })
poe-missing-customer-name-unset = kundens namn (saknas i anspråket)
poe-note-no-products = anspråket har inga produkter
poe-note-activity = aktivitet: { $activity }
poe-note-activity-near = aktivitet: { $activity } nära { $product }
poe-note-one-activity = bara ett aktivitetsord, inte nära en anspråkad produkt: beskriv arbetet uttryckligen
poe-note-no-activity = inga aktivitetsord hittades
poe-note-date = { $date } ({ $age })
poe-note-date-or = { $date } ({ $age }; eller { $other } läst som månad/dag)
poe-note-too-old = senaste datum { $date } är äldre än { $limit } ({ $age })
poe-note-old-key-dates = underskrifts- och giltighetsdatum { $dates } är äldre än { $limit } (det senaste { $age }); bara andra datum, till exempel milstolpar, är aktuella
poe-note-only-future = { $date } ({ $age }): bara datum mer än ett år framåt
poe-note-ambiguous-date = tvetydigt datum: { $date } (dag/månad) eller { $other } (månad/dag) ändrar bedömningen
poe-note-ambiguous-dates = tvetydiga datum
poe-note-no-dates = inga datum hittades
poe-note-signed = "{ $word }" med { $context } på { $line }
poe-signed-with-date = ett datum
poe-signed-with-contact-name = kundens eller en kontaktpersons namn
poe-signed-with-name = ett namn
poe-signed-with-customer-word = ordet kund
poe-signed-on-same-line = samma rad
poe-signed-on-next-line = nästa rad
poe-note-unsigned-alone = "{ $word }": underskriftsord utan namn, datum eller kund i närheten
poe-note-unsigned-blank = "{ $word }": tomt underskriftsfält
poe-note-unsigned-pending = "{ $word }": underskriften saknas ännu
poe-note-no-signature = inga ord om underskrift eller bekräftelse hittades
poe-months = { $n ->
        [one] { $n } månad
       *[other] { $n } månader
    }
poe-days = { $n ->
        [one] { $n } dag
       *[other] { $n } dagar
    }
poe-age-old = { $amount } gammalt
poe-age-ahead = { $amount } framåt
poe-age-before-claim = { $amount } före anspråket
poe-age-after-claim = { $amount } efter anspråket

## PoE activities (the concepts of the pre-check's activity words). The
## last three are Swedish concepts, reported by their Swedish names.

poe-activity-deployment = driftsättning
poe-activity-implementation = implementering
poe-activity-migration = migrering
poe-activity-configuration = konfiguration
poe-activity-rollout = utrullning
poe-activity-adoption = användning (adoption)
poe-activity-training = utbildning
poe-activity-workshop = workshop
poe-activity-onboarding = onboarding
poe-activity-pilot = pilot
poe-activity-proof-of-concept = konceptbevis (PoC)
poe-activity-go-live = driftstart
poe-activity-support = support
poe-activity-managed-service = förvaltad tjänst
poe-activity-installation = installation
poe-activity-integration = integration
poe-activity-introduction = införande
poe-activity-management = förvaltning
poe-activity-usage = användning

precheck-names-unclear = Partnerns och kundens namn syns inte båda tydligt i dokumenten. En granskare behöver hitta båda organisationernas namn: kontrollera att de står utskrivna.

## Help texts (rules)
help-approved-title = Vad ”Godkänd” betyder
help-approved = Ett godkännande registrerar din organisation som kundens partner för de produkter eller prenumerationer anspråket gäller: det är associationen, inte en utbetalning. När Microsoft har godkänt har kunden en medgivandeperiod då associationen kan nekas. När den har passerat skickas anspråket för utvärdering av incitament, och incitamentsprogrammets egna krav avgör om, och vad, det ger. Programguiden beskriver kraven.
help-subscription-id-title = Var kunden hittar prenumerations-ID:t
help-subscription-id = I administrationscentret för Microsoft 365, under Fakturering › Dina produkter, väljer kunden prenumerationen; dess sida visar prenumerations-ID:t. När en prenumeration löper ut ersätts den av en med ett nytt ID, och ett nytt anspråk med det nya ID:t behövs. När kunden har etablerat en prenumeration kan det ta upp till sju dagar innan den kan göras anspråk på, och aldrig mindre än 48 timmar efter aktiveringen.
help-location-title = En partnerplats som inte är registrerad
help-location = Ett anspråk för en partnerplats (MPN-ID) som inte är registrerad i något incitamentsprogram ger inga incitament. Organisationens globala administratör kan registrera platsen i Incitament i Partnercenter.
help-support-title = Support
help-support = När det inte har löst problemet att kontrollera uppgifterna med kunden, till exempel en prenumeration som inte kan göras anspråk på, kontakta supporten. Länken leder till Partnercenters support om inte organisationen har angett en annan i Inställningar.
help-support-link = Öppna supporten
