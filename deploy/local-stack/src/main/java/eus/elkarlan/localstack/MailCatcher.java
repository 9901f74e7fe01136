package eus.elkarlan.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * An SMTP server (GreenMail) that accepts every mail for any address and keeps it, with a small
 * web page to read them: {@code /} in a browser, {@code /messages.json} for scripts and tests.
 */
public final class MailCatcher {

    private MailCatcher() {
    }

    /** {@code MailCatcher [--smtp 3025] [--http 8025]}. */
    public static void main(String[] args) throws Exception {
        int smtpPort = 3025;
        int httpPort = 8025;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--smtp" -> smtpPort = Integer.parseInt(args[i + 1]);
                case "--http" -> httpPort = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
        http.createContext("/messages.json", exchange -> respond(exchange, "application/json", json(mail)));
        http.createContext("/", exchange -> respond(exchange, "text/html; charset=utf-8", html(mail)));
        http.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop(0);
            mail.stop();
            stopped.countDown();
        }));
        System.out.println("Mail catcher: SMTP on 127.0.0.1:" + smtpPort + ", mails at http://127.0.0.1:" + httpPort + "/");
        stopped.await();
    }

    private record Mail(String from, String to, String subject, String sentAt, String body) {
    }

    private static List<Mail> mails(GreenMail mail) {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
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

    private static String json(GreenMail mail) {
        StringBuilder out = new StringBuilder("[");
        for (Mail m : mails(mail)) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append("{\"from\":").append(quote(m.from())).append(",\"to\":").append(quote(m.to()))
                    .append(",\"subject\":").append(quote(m.subject())).append(",\"sentAt\":").append(quote(m.sentAt()))
                    .append(",\"body\":").append(quote(m.body())).append('}');
        }
        return out.append(']').toString();
    }

    private static String html(GreenMail mail) {
        StringBuilder out = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Elkarlan mail catcher</title><style>body{font-family:sans-serif;margin:2rem}"
                + "details{border-bottom:1px solid #ccc;padding:.5rem 0}pre{white-space:pre-wrap}</style></head>"
                + "<body><main><h1>Mails caught by the local stack</h1>");
        List<Mail> mails = mails(mail);
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
