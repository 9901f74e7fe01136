package eus.elkarlan.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** The local stack's mail catcher: a mail sent before a restart is still there after it. */
class MailCatcherTests {

    @Test
    void mailsCaughtBeforeARestartAreStillListedAfterIt(@TempDir Path store) throws Exception {
        int smtp = freePort();
        int http = freePort();
        try (MailCatcher.Running catcher = MailCatcher.start(smtp, http, store)) {
            send(smtp, "ane@itsaso.example", "Bilera onartua — Itsaso");
            assertThat(messages(http)).contains("ane@itsaso.example").contains("Bilera onartua — Itsaso");
        }

        try (MailCatcher.Running catcher = MailCatcher.start(smtp, http, store)) {
            send(smtp, "jon@lapurdi.example", "Rendez-vous accepté");
            String listed = messages(http);
            assertThat(listed).contains("Bilera onartua — Itsaso").contains("Rendez-vous accepté");
            assertThat(listed.indexOf("Bilera onartua")).isLessThan(listed.indexOf("Rendez-vous accepté"));
        }
        try (MailCatcher.Running catcher = MailCatcher.start(smtp, http, store)) {
            assertThat(messages(http).split("\"subject\"")).hasSize(3); // two mails, each once
        }
    }

    private static void send(int port, String to, String subject) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(port));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("no-reply@elkarlan.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText("Kaixo", "UTF-8");
        Transport.send(message);
    }

    private static String messages(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/messages.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
