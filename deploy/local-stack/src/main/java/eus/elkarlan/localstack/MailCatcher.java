package eus.elkarlan.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * An SMTP server (GreenMail) that accepts every mail for any address and keeps it, with a small
 * web page to read them: {@code /} in a browser, {@code /messages.json} for scripts and tests.
 * With {@code --store DIR} every mail is also written there as an {@code .eml} file and read back
 * at the next start, so that the mails sent before a restart of the stack stay visible (the
 * services never send a mail twice).
 */
public final class MailCatcher {

    private MailCatcher() {
    }

    /** {@code MailCatcher [--smtp 3025] [--http 8025] [--store DIR]}. */
    public static void main(String[] args) throws Exception {
        int smtpPort = 3025;
        int httpPort = 8025;
        Path store = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--smtp" -> smtpPort = Integer.parseInt(args[i + 1]);
                case "--http" -> httpPort = Integer.parseInt(args[i + 1]);
                case "--store" -> store = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Running running = start(smtpPort, httpPort, store);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }));
        System.out.println("Mail catcher: SMTP on 127.0.0.1:" + smtpPort + ", mails at http://127.0.0.1:" + httpPort + "/"
                + (store == null ? "" : " (stored in " + store + ")"));
        stopped.await();
    }

    /** A started catcher; {@link #close()} stores what is left and stops it. */
    public interface Running extends AutoCloseable {
        @Override
        void close();
    }

    public static Running start(int smtpPort, int httpPort, Path store) throws IOException {
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Mailbox box = new Mailbox(mail, store);
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
        http.createContext("/messages.json", exchange -> respond(exchange, "application/json", json(box)));
        http.createContext("/", exchange -> respond(exchange, "text/html; charset=utf-8", html(box)));
        http.start();
        ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mail-store");
            t.setDaemon(true);
            return t;
        });
        saver.scheduleWithFixedDelay(box::save, 1, 1, TimeUnit.SECONDS);
        return () -> {
            saver.shutdownNow();
            box.save();
            http.stop(0);
            mail.stop();
        };
    }

    private record Mail(String from, String to, String subject, String sentAt, String body) {
    }

    /** The mails caught since this start, and those stored by earlier starts. */
    private static final class Mailbox {

        private final GreenMail mail;
        private final Path store;
        private final List<MimeMessage> earlier = new ArrayList<>();
        private int saved;

        Mailbox(GreenMail mail, Path store) throws IOException {
            this.mail = mail;
            this.store = store;
            if (store == null) {
                return;
            }
            Files.createDirectories(store);
            Session session = Session.getInstance(new Properties());
            try (Stream<Path> files = Files.list(store)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        earlier.add(new MimeMessage(session, in));
                    }
                    catch (MessagingException ex) {
                        System.err.println("Mail catcher: " + file + " is unreadable, skipped: " + ex.getMessage());
                    }
                }
            }
        }

        synchronized List<MimeMessage> all() {
            List<MimeMessage> all = new ArrayList<>(earlier);
            all.addAll(List.of(mail.getReceivedMessages()));
            return all;
        }

        /** Writes the mails received since the last call, each to its own numbered file. */
        synchronized void save() {
            if (store == null) {
                return;
            }
            MimeMessage[] received = mail.getReceivedMessages();
            for (; saved < received.length; saved++) {
                Path file = store.resolve(String.format("%08d.eml", earlier.size() + saved + 1));
                try (OutputStream out = Files.newOutputStream(file)) {
                    received[saved].writeTo(out);
                }
                catch (IOException | MessagingException ex) {
                    System.err.println("Mail catcher: could not store " + file + ": " + ex.getMessage());
                    return;
                }
            }
        }
    }

    private static List<Mail> mails(Mailbox box) {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : box.all()) {
            try {
                mails.add(new Mail(join(message.getFrom()), join(message.getAllRecipients()), message.getSubject(),
                        message.getSentDate() == null ? "" : message.getSentDate().toInstant().toString(),
                        GreenMailUtil.getBody(message)));
            }
            catch (MessagingException ex) {
                mails.add(new Mail("", "", "(unreadable: " + ex.getMessage() + ")", "", ""));
            }
        }
        return mails;
    }

    private static String join(Address[] addresses) {
        if (addresses == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Address address : addresses) {
            parts.add(address.toString());
        }
        return String.join(", ", parts);
    }

    private static String json(Mailbox box) {
        StringBuilder out = new StringBuilder("[");
        for (Mail m : mails(box)) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append("{\"from\":").append(quote(m.from())).append(",\"to\":").append(quote(m.to()))
                    .append(",\"subject\":").append(quote(m.subject())).append(",\"sentAt\":").append(quote(m.sentAt()))
                    .append(",\"body\":").append(quote(m.body())).append('}');
        }
        return out.append(']').toString();
    }

    private static String html(Mailbox box) {
        StringBuilder out = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Elkarlan mail catcher</title><style>body{font-family:sans-serif;margin:2rem}"
                + "details{border-bottom:1px solid #ccc;padding:.5rem 0}pre{white-space:pre-wrap}</style></head>"
                + "<body><main><h1>Mails caught by the local stack</h1>");
        List<Mail> mails = mails(box);
        out.append("<p>").append(mails.size()).append(" mail(s), newest last.</p>");
        for (Mail m : mails) {
            out.append("<details><summary>").append(escape(m.sentAt())).append(" — ").append(escape(m.to()))
                    .append(" — <strong>").append(escape(m.subject())).append("</strong></summary><p>From: ")
                    .append(escape(m.from())).append("</p><pre>").append(escape(m.body())).append("</pre></details>");
        }
        return out.append("</main></body></html>").toString();
    }

    private static void respond(HttpExchange exchange, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
