package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.eval.Checksums;
import io.bfg.console.model.AuditEvent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * BFG Control's month of business, generated: orders, their drivers' trips, client requests,
 * proof of delivery, KSeF invoices, payments against them and the audit trail over all of it.
 * Every random draw happens here, in one fixed order, so a seed fixes the whole world.
 */
final class BfgWorld {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
  private static final Instant WINDOW_START = SampleDataGenerator.WINDOW_START;

  static final String DRIVER = "driver_tarasenko";
  static final String DISPATCHER = "user_dispatcher_marek";
  static final String ACCOUNTANT = "user_accountant_olena";
  static final String DIRECTOR = "user_md_anna";
  static final String LVIV_FARMA = "cp_client_lviv_farma";

  private record City(String name, String lat, String lon) {
  }

  private record Client(String id, int weight, String deliveryCity) {
  }

  private record Cargo(String key, String min, String max) {
  }

  private static final List<City> CITIES = List.of(
      new City("Warszawa", "52.2297", "21.0122"), new City("Kraków", "50.0647", "19.9450"),
      new City("Łódź", "51.7592", "19.4560"), new City("Wrocław", "51.1079", "17.0385"),
      new City("Poznań", "52.4064", "16.9252"), new City("Gdańsk", "54.3520", "18.6466"),
      new City("Szczecin", "53.4285", "14.5528"), new City("Bydgoszcz", "53.1235", "18.0084"),
      new City("Lublin", "51.2465", "22.5684"), new City("Katowice", "50.2649", "19.0238"),
      new City("Białystok", "53.1325", "23.1688"), new City("Rzeszów", "50.0412", "21.9991"),
      new City("Kielce", "50.8661", "20.6286"), new City("Olsztyn", "53.7784", "20.4801"),
      new City("Opole", "50.6751", "17.9213"), new City("Toruń", "53.0138", "18.5984"),
      new City("Stryków", "51.9016", "19.6048"));
  private static final List<String> HUBS = List.of("Stryków", "Warszawa", "Poznań", "Wrocław", "Kraków");
  private static final City LVIV = new City("Lwów", "49.8397", "24.0297");
  private static final City BORDER = new City("Korczowa", "49.9558", "23.0897");
  // Lviv Farma's loads go export to Ukraine (0% VAT international transport); the rest are domestic.
  private static final List<Client> CLIENTS = List.of(
      new Client(LVIV_FARMA, 40, LVIV.name()),
      new Client("cp_client_apteki_slonecznik", 25, null),
      new Client("cp_client_medhurt_lublin", 20, null),
      new Client("cp_client_szpitale_pomorskie", 15, null));
  private static final List<Cargo> CARGO = List.of(
      new Cargo("pharma_2_8c", "2.0", "8.0"), new Cargo("pharma_15_25c", "15.0", "25.0"),
      new Cargo("medical_devices", null, null));
  private static final List<String> RECEIVERS = List.of(
      "Katarzyna Nowak", "Piotr Wiśniewski", "Agnieszka Wójcik", "Tomasz Kamiński",
      "Magdalena Lewandowska", "Oksana Melnyk", "Andrii Bondarenko", "Joanna Zielińska");

  private final String tenantId;
  private final int n;
  private final SplittableRandom rng;
  private final Map<String, String> clientNips = new HashMap<>();
  private final String sellerNip;

  private record Order(ObjectNode row, Client client, Cargo cargo, City pickup, City delivery,
                       Instant pickupAt, Instant deliveredAt) {
    String id() {
      return row.get("order_id").asText();
    }

    String status() {
      return row.get("status").asText();
    }
  }

  private record Invoice(ObjectNode row, Client client, long grossGrosze, Instant issuedAt, LocalDate due) {
  }

  BfgWorld(String tenantId, int n, long seed) {
    this.tenantId = tenantId;
    this.n = n;
    this.rng = new SplittableRandom(seed);
    this.sellerNip = PolishTaxIds.randomNip(rng);
    for (Client client : CLIENTS) {
      clientNips.put(client.id(), PolishTaxIds.randomNip(rng));
    }
  }

  Map<String, List<ObjectNode>> build() {
    List<Order> orders = orders();
    Map<String, List<ObjectNode>> world = new LinkedHashMap<>();
    world.put("orders", orders.stream().map(Order::row).toList());
    world.put("driver_events", driverEvents(orders));
    world.put("client_requests", clientRequests(orders));
    world.put("dispatch_evidence", dispatchEvidence(orders));
    List<Invoice> invoices = invoices(orders);
    world.put("ksef_invoices", invoices.stream().map(Invoice::row).toList());
    world.put("payments", payments(invoices));
    world.put("audit_events", auditEvents(world));
    return world;
  }

  private List<Order> orders() {
    List<Instant> created = sortedInstants(n, Duration.ofDays(26));
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Client client = weighted();
      City pickup = city(HUBS.get(rng.nextInt(HUBS.size())));
      City delivery = client.deliveryCity() != null ? LVIV : otherCity(pickup);
      Cargo cargo = CARGO.get(pick(45, 35, 20));
      int pallets = 1 + rng.nextInt(33);
      Instant pickupAt = created.get(i).plus(Duration.ofMinutes(240 + rng.nextInt(60 * 48)));
      Instant deliveredAt = pickupAt.plus(Duration.ofMinutes(180 + rng.nextInt(60 * (delivery == LVIV ? 20 : 9))));
      String status = List.of("draft", "planned", "in_transit", "delivered", "cancelled").get(pick(5, 10, 10, 72, 3));
      ObjectNode row = JSON.objectNode()
          .put("order_id", String.format(Locale.ROOT, "ORD-2026-%04d", i + 1))
          .put("tenant_id", tenantId)
          .put("client_id", client.id())
          .put("pickup_city", pickup.name())
          .put("delivery_city", delivery.name())
          .put("cargo_class", cargo.key())
          .put("pallets", pallets)
          .put("weight_kg", BigDecimal.valueOf(pallets * (1800L + rng.nextInt(4700)), 1))
          .put("temp_min_c", cargo.min() == null ? null : new BigDecimal(cargo.min()))
          .put("temp_max_c", cargo.max() == null ? null : new BigDecimal(cargo.max()))
          .put("driver_id", status.equals("draft") || status.equals("cancelled") ? null : DRIVER)
          .put("pickup_date", date(pickupAt))
          .put("status", status)
          .put("created_at", ts(created.get(i)));
      orders.add(new Order(row, client, cargo, pickup, delivery, pickupAt, deliveredAt));
    }
    return orders;
  }

  // Each dispatched order contributes its trip in sequence: pickup, temperature checks for
  // pharma, the border crossing for Ukraine, delivery or (still on the road) an ETA update.
  // Events are numbered and the odometer advanced in time order, as the driver app would.
  private List<ObjectNode> driverEvents(List<Order> orders) {
    List<Order> trips = shuffled(orders.stream()
        .filter(o -> o.status().equals("in_transit") || o.status().equals("delivered")).toList());
    List<ObjectNode> events = new ArrayList<>();
    for (int t = 0; events.size() < n && !trips.isEmpty(); t++) {
      Order order = trips.get(t % trips.size());
      List<String> steps = new ArrayList<>(List.of("pickup"));
      if (order.cargo().min() != null) {
        steps.add("temperature_check");
      }
      if (order.delivery() == LVIV) {
        steps.add("border_crossing");
      }
      steps.add(order.status().equals("delivered") ? "delivery" : "eta_update");
      Duration trip = Duration.between(order.pickupAt(), order.deliveredAt());
      for (int s = 0; s < steps.size() && events.size() < n; s++) {
        String type = steps.get(s);
        Instant at = order.pickupAt().plus(trip.multipliedBy(s).dividedBy(steps.size() - 1L));
        City city = switch (type) {
          case "pickup" -> order.pickup();
          case "delivery" -> order.delivery();
          case "border_crossing" -> BORDER;
          default -> otherCity(order.pickup());
        };
        boolean offline = rng.nextInt(100) < 25;
        ObjectNode details = JSON.objectNode().put("app", "bfg-driver").put("app_version", "1.8.3")
            .put("sync", offline ? "background-sync" : "online");
        BigDecimal temperature = null;
        if (type.equals("temperature_check")) {
          temperature = temperature(order.cargo(), details);
        } else if (type.equals("eta_update")) {
          details.put("eta", ts(order.deliveredAt())).put("provider", "local-eta");
        } else if (type.equals("border_crossing")) {
          details.put("crossing", "Korczowa-Krakowiec").put("customs_ref", String.format(Locale.ROOT,
              "26PL3010%010d", rng.nextLong(10_000_000_000L)));
        }
        ObjectNode event = JSON.objectNode()
            .put("event_id", "")
            .put("tenant_id", tenantId)
            .put("order_id", order.id())
            .put("driver_id", DRIVER)
            .put("event_type", type)
            .put("city", city.name())
            .put("latitude", new BigDecimal(city.lat()))
            .put("longitude", new BigDecimal(city.lon()))
            .put("temperature_c", temperature)
            .put("odometer_km", 40 + rng.nextInt(280))
            .put("synced_offline", offline);
        event.set("details", details);
        events.add(event.put("recorded_at", ts(at.truncatedTo(ChronoUnit.MINUTES))));
      }
    }
    sortBy(events, "recorded_at");
    long odometer = 418_230;
    for (int i = 0; i < events.size(); i++) {
      odometer += events.get(i).get("odometer_km").asLong();
      events.get(i).put("event_id", String.format(Locale.ROOT, "DEV-2026-%05d", i + 1)).put("odometer_km", odometer);
    }
    return events;
  }

  // Mostly inside the cargo's range; now and then an excursion the dispatcher must see.
  private BigDecimal temperature(Cargo cargo, ObjectNode details) {
    BigDecimal min = new BigDecimal(cargo.min());
    BigDecimal max = new BigDecimal(cargo.max());
    details.put("sensor", "TL-2208").put("probe", "cargo-rear");
    if (rng.nextInt(12) == 0) {
      details.put("excursion", true).put("alarm", "TEMP_HIGH");
      return max.add(BigDecimal.valueOf(3 + rng.nextInt(13), 1));
    }
    int tenths = max.subtract(min).movePointRight(1).intValue();
    return min.add(BigDecimal.valueOf(rng.nextInt(tenths + 1), 1));
  }

  private List<ObjectNode> clientRequests(List<Order> orders) {
    List<String> types = List.of("eta_query", "reschedule", "document_copy", "invoice_question", "complaint", "new_order");
    List<ObjectNode> requests = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Client client = weighted();
      List<Order> own = orders.stream().filter(o -> o.client() == client).toList();
      String type = types.get(pick(30, 15, 20, 15, 5, 15));
      Order order = type.equals("new_order") || own.isEmpty() ? null : own.get(rng.nextInt(own.size()));
      Instant created = order == null
          ? WINDOW_START.plus(Duration.ofMinutes(rng.nextInt(60 * 24 * 28)))
          : Instant.parse(order.row().get("created_at").asText()).plus(Duration.ofMinutes(60 + rng.nextInt(60 * 48)));
      String status = List.of("open", "answered", "closed").get(pick(20, 30, 50));
      requests.add(JSON.objectNode()
          .put("request_id", String.format(Locale.ROOT, "REQ-2026-%04d", i + 1))
          .put("tenant_id", tenantId)
          .put("client_id", client.id())
          .put("order_id", order == null ? null : order.id())
          .put("request_type", type)
          .put("channel", List.of("client_portal", "email", "phone").get(pick(60, 30, 10)))
          .put("message", message(type, client, order))
          .put("status", status)
          .put("created_at", ts(created))
          .put("resolved_at", status.equals("open") ? null
              : ts(created.plus(Duration.ofMinutes(15 + rng.nextInt(600))))));
    }
    return requests;
  }

  // Lviv Farma writes in English, Polish clients in Polish.
  private String message(String type, Client client, Order order) {
    boolean english = client.id().equals(LVIV_FARMA);
    String ref = order == null ? "" : order.id();
    return switch (type) {
      case "eta_query" -> english ? "Please share the current ETA for " + ref + "."
          : "Prosimy o aktualne ETA dla zlecenia " + ref + ".";
      case "reschedule" -> english ? "Can delivery of " + ref + " move by one day? The warehouse is closed."
          : "Czy możemy przesunąć dostawę zlecenia " + ref + " o jeden dzień?";
      case "document_copy" -> english ? "Please send the POD and temperature log for " + ref + "."
          : "Prosimy o kopię POD i CMR dla zlecenia " + ref + ".";
      case "invoice_question" -> english ? "The invoice for " + ref + " shows 0% VAT; please confirm the export basis."
          : "Prosimy o korektę danych nabywcy na fakturze do zlecenia " + ref + ".";
      case "complaint" -> english ? "Two pallets of " + ref + " arrived with damaged wrapping."
          : "Dwie palety ze zlecenia " + ref + " dotarły z uszkodzoną folią.";
      default -> english ? "New cold-chain load: 12 pallets 2-8°C, Stryków to Lwów, next Tuesday."
          : "Nowe zlecenie: 8 palet 15-25°C, odbiór Stryków, dostawa w czwartek.";
    };
  }

  private List<ObjectNode> dispatchEvidence(List<Order> orders) {
    List<Order> delivered = shuffled(orders.stream().filter(o -> o.status().equals("delivered")).toList());
    List<ObjectNode> evidence = new ArrayList<>();
    Map<String, Integer> perOrder = new HashMap<>();
    for (int i = 0; i < n && !delivered.isEmpty(); i++) {
      Order order = delivered.get(i % delivered.size());
      int kind = pick(55, 30, 15);
      String type = kind == 2 && order.cargo().min() == null ? "pod_photo"
          : List.of("pod_photo", "cmr_scan", "temperature_log").get(kind);
      int seq = perOrder.merge(order.id(), 1, Integer::sum);
      String extension = switch (type) {
        case "cmr_scan" -> ".pdf";
        case "temperature_log" -> ".csv";
        default -> ".jpg";
      };
      String ref = String.format(Locale.ROOT, "evidence/%s/%s/%s-%02d%s", tenantId, order.id(), type, seq, extension);
      boolean signed = !type.equals("temperature_log");
      evidence.add(JSON.objectNode()
          .put("evidence_id", String.format(Locale.ROOT, "EVD-2026-%04d", i + 1))
          .put("tenant_id", tenantId)
          .put("order_id", order.id())
          .put("driver_id", DRIVER)
          .put("evidence_type", type)
          .put("photo_ref", ref)
          // Stands in for the digest of the stored file: stable and unique per reference.
          .put("photo_sha256", Checksums.sha256Hex(ref.getBytes(StandardCharsets.UTF_8)))
          .put("received_by", signed ? RECEIVERS.get(rng.nextInt(RECEIVERS.size())) : null)
          .put("ocr_status", signed ? List.of("extracted", "needs_review", "pending").get(pick(70, 20, 10))
              : "not_applicable")
          .put("captured_at", ts(order.deliveredAt().plus(Duration.ofMinutes(2 + rng.nextInt(18))))));
    }
    return evidence;
  }

  // One invoice per delivered order; past that, waiting-time surcharge invoices on the same orders.
  private List<Invoice> invoices(List<Order> orders) {
    List<Order> billable = orders.stream().filter(o -> o.status().equals("delivered")).toList();
    List<Invoice> invoices = new ArrayList<>();
    for (int i = 0; i < n && !billable.isEmpty(); i++) {
      Order order = billable.get(i % billable.size());
      boolean surcharge = i >= billable.size();
      Instant issued = order.deliveredAt()
          .plus(Duration.ofMinutes((surcharge ? 60 * 72 : 120) + rng.nextInt(60 * 46)))
          .truncatedTo(ChronoUnit.MINUTES);
      boolean export = order.delivery() == LVIV;
      long net = surcharge ? 15_000 + rng.nextInt(75_000)
          : order.row().get("pallets").asLong() * (26_000 + rng.nextInt(22_000))
              * (order.cargo().min() != null ? 115 : 100) / 100 + (export ? 180_000 : 0);
      int rate = export ? 0 : 23;
      long vat = BigDecimal.valueOf(net * rate).divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValue();
      LocalDate issuedDate = LocalDate.ofInstant(issued, WARSAW);
      LocalDate due = issuedDate.plusDays(export ? 30 : 14);
      String ksef = PolishTaxIds.ksefNumber(sellerNip, issuedDate.toString().replace("-", ""),
          String.format(Locale.ROOT, "%012X", rng.nextLong(1L << 48)));
      ObjectNode row = JSON.objectNode()
          .put("ksef_number", ksef)
          .put("tenant_id", tenantId)
          .put("invoice_number", String.format(Locale.ROOT, "FV/%d/%02d/%04d",
              issuedDate.getYear(), issuedDate.getMonthValue(), i + 1))
          .put("order_id", order.id())
          .put("client_id", order.client().id())
          .put("seller_nip", sellerNip)
          .put("buyer_nip", clientNips.get(order.client().id()))
          .put("net_pln", pln(net))
          .put("vat_rate", Integer.toString(rate))
          .put("vat_pln", pln(vat))
          .put("gross_pln", pln(net + vat))
          .put("ksef_status", rng.nextInt(10) == 0 ? "upo_pending" : "accepted")
          .put("issued_at", ts(issued))
          .put("due_date", due.toString());
      invoices.add(new Invoice(row, order.client(), net + vat, issued, due));
    }
    return invoices;
  }

  // Payment i settles invoice i - (i + 1) / 6: every sixth payment is the second instalment
  // of the previous invoice, so the newest sixth of the invoices stays unpaid.
  private List<ObjectNode> payments(List<Invoice> invoices) {
    List<ObjectNode> payments = new ArrayList<>();
    for (int i = 0; i < n && !invoices.isEmpty(); i++) {
      Invoice invoice = invoices.get(Math.min(i - (i + 1) / 6, invoices.size() - 1));
      boolean first = (i + 2) % 6 == 0;
      boolean second = (i + 1) % 6 == 0;
      long firstPart = invoice.grossGrosze() * 60 / 100;
      long amount = first ? firstPart : second ? invoice.grossGrosze() - firstPart : invoice.grossGrosze();
      Instant paid = invoice.issuedAt().plus(Duration.ofDays((second ? 20 : 3) + rng.nextInt(20)))
          .plus(Duration.ofMinutes(rng.nextInt(480)));
      boolean late = LocalDate.ofInstant(paid, WARSAW).isAfter(invoice.due());
      payments.add(JSON.objectNode()
          .put("payment_id", String.format(Locale.ROOT, "PAY-2026-%04d", i + 1))
          .put("tenant_id", tenantId)
          .put("ksef_number", invoice.row().get("ksef_number").asText())
          .put("amount_pln", pln(amount))
          // Split payment (MPP) is what Polish buyers use on larger invoices.
          .put("method", invoice.client().id().equals(LVIV_FARMA) ? "swift_transfer"
              : invoice.grossGrosze() > 1_500_000 ? "split_payment" : "bank_transfer")
          .put("bank_reference", String.format(Locale.ROOT, "%s-%s-%06X",
              invoice.client().id().equals(LVIV_FARMA) ? "SWIFT" : "ELIXIR", date(paid).replace("-", ""),
              rng.nextInt(1 << 24)))
          .put("paid_at", ts(paid.truncatedTo(ChronoUnit.MINUTES)))
          .put("status", late ? "settled_late" : "settled"));
    }
    return payments;
  }

  private record AuditKind(String actor, String source, String action, String table, String key, String at,
                           Function<ObjectNode, ObjectNode> payload) {
    // Only Lviv Farma has a client-portal account; other clients' requests arrive by mail or phone.
    boolean about(ObjectNode row) {
      return !actor.equals(LVIV_FARMA) || row.get("client_id").asText().equals(LVIV_FARMA);
    }
  }

  // A hash-chained trail, as the console's own audit is: each row's hash covers all its other
  // fields including the previous row's hash. Each event follows the row it records by minutes.
  private List<ObjectNode> auditEvents(Map<String, List<ObjectNode>> world) {
    List<AuditKind> kinds = List.of(
        new AuditKind(DISPATCHER, "dispatch", "order.created", "orders", "order_id", "created_at",
            r -> JSON.objectNode().put("client_id", r.get("client_id").asText())
                .put("cargo_class", r.get("cargo_class").asText()).put("pallets", r.get("pallets").asInt())),
        new AuditKind(DRIVER, "driver-app", "driver_event.synced", "driver_events", "event_id", "recorded_at",
            r -> JSON.objectNode().put("event_type", r.get("event_type").asText())
                .put("synced_offline", r.get("synced_offline").asBoolean())),
        new AuditKind(LVIV_FARMA, "client-portal", "client_request.opened", "client_requests", "request_id", "created_at",
            r -> JSON.objectNode().put("request_type", r.get("request_type").asText())
                .put("channel", r.get("channel").asText())),
        new AuditKind(DRIVER, "driver-app", "evidence.captured", "dispatch_evidence", "evidence_id", "captured_at",
            r -> JSON.objectNode().put("evidence_type", r.get("evidence_type").asText())
                .put("ocr_status", r.get("ocr_status").asText())),
        new AuditKind(ACCOUNTANT, "mock-ksef", "ksef.invoice.accepted", "ksef_invoices", "ksef_number", "issued_at",
            r -> JSON.objectNode().put("gross_pln", r.get("gross_pln").decimalValue())
                .put("vat_rate", r.get("vat_rate").asText())),
        new AuditKind(ACCOUNTANT, "finance", "payment.settled", "payments", "payment_id", "paid_at",
            r -> JSON.objectNode().put("amount_pln", r.get("amount_pln").decimalValue())
                .put("ksef_number", r.get("ksef_number").asText())),
        new AuditKind(DIRECTOR, "console", "cutover.rehearsal.reviewed", null, null, null,
            r -> JSON.objectNode().put("target", "db-auth-session-adapter")
                .put("decision", "BLOCKED_PENDING_DRY_RUN")));
    // filtered once per kind, not per event: per event it made generating 100k rows take many minutes
    Map<AuditKind, List<ObjectNode>> subjectsOf = new HashMap<>();
    for (AuditKind kind : kinds) {
      subjectsOf.put(kind, kind.table() == null ? List.of()
          : world.get(kind.table()).stream().filter(kind::about).toList());
    }
    List<ObjectNode> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      AuditKind drawn = kinds.get(pick(15, 20, 10, 15, 15, 15, 10));
      List<ObjectNode> subjects = subjectsOf.get(drawn);
      // Nothing to record of that kind (tiny worlds): fall back to the console review event.
      AuditKind kind = drawn.table() != null && subjects.isEmpty() ? kinds.get(kinds.size() - 1) : drawn;
      ObjectNode subject = subjects.isEmpty() ? null : subjects.get(rng.nextInt(subjects.size()));
      Instant at = subject == null ? WINDOW_START.plus(Duration.ofMinutes(rng.nextInt(60 * 24 * 30)))
          : Instant.parse(subject.get(kind.at()).asText()).plus(Duration.ofMinutes(1 + rng.nextInt(5)));
      ObjectNode row = JSON.objectNode()
          .put("event_id", "")
          .put("tenant_id", tenantId)
          .put("actor_id", kind.actor())
          .put("source", kind.source())
          .put("action", kind.action())
          .put("subject_id", subject == null ? "db-auth-session-adapter" : subject.get(kind.key()).asText());
      row.set("payload", kind.payload().apply(subject));
      events.add(row.put("prev_hash", "").put("created_at", ts(at)));
    }
    sortBy(events, "created_at");
    String prevHash = AuditEvent.GENESIS_HASH;
    for (int i = 0; i < events.size(); i++) {
      ObjectNode row = events.get(i).put("event_id", String.format(Locale.ROOT, "AUD-2026-%06d", i + 1))
          .put("prev_hash", prevHash);
      row.remove("hash");
      prevHash = Checksums.sha256(row);
      row.put("hash", prevHash);
    }
    return events;
  }

  // Stable, so rows with equal timestamps keep their generation order.
  private static void sortBy(List<ObjectNode> rows, String isoTimestampField) {
    rows.sort(Comparator.comparing(r -> r.get(isoTimestampField).asText()));
  }

  private List<Instant> sortedInstants(int count, Duration span) {
    List<Instant> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(WINDOW_START.plus(Duration.ofMinutes(rng.nextLong(span.toMinutes()))));
    }
    Collections.sort(out);
    return out;
  }

  /** Index into {@code weights} drawn with those relative weights. */
  private int pick(int... weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int draw = rng.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      draw -= weights[i];
      if (draw < 0) {
        return i;
      }
    }
    throw new IllegalStateException("unreachable");
  }

  private Client weighted() {
    return CLIENTS.get(pick(CLIENTS.stream().mapToInt(Client::weight).toArray()));
  }

  private City otherCity(City not) {
    while (true) {
      City city = CITIES.get(rng.nextInt(CITIES.size()));
      if (!city.equals(not)) {
        return city;
      }
    }
  }

  private <T> List<T> shuffled(List<T> items) {
    List<T> out = new ArrayList<>(items);
    for (int i = out.size() - 1; i > 0; i--) {
      Collections.swap(out, i, rng.nextInt(i + 1));
    }
    return out;
  }

  static String ts(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static String date(Instant instant) {
    return LocalDate.ofInstant(instant, WARSAW).toString();
  }

  static BigDecimal pln(long grosze) {
    return BigDecimal.valueOf(grosze, 2);
  }

  private static City city(String name) {
    return CITIES.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }
}
