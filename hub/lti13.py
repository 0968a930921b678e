"""LTI 1.3 login from the LMS (Canvas, Moodle) instead of passwords: a template to fill in.

Start the hub with it: `sudo JCPOA_HUB_LTI13=1 make hub ROSTER=...` (jupyterhub_config.py loads
this file last). Students then open the hub from a link in the LMS course; the login page
no longer accepts passwords. Register the hub in the LMS as an LTI 1.3 tool first:

- Login initiation (OIDC) URL: https://<your hub>/hub/lti13/oauth_login
- Redirect URI:                https://<your hub>/hub/lti13/oauth_callback
- Tool configuration (JSON):   https://<your hub>/hub/lti13/config  (what the LMS can import)

and copy the values the LMS gives back (client id; issuer and endpoints) below. The hub must
be served over HTTPS for an LMS to launch it, which this trial setup on 127.0.0.1 is not.

The roster still decides who may log in and which Unix account they get: the LMS claim named
in `username_key` must equal the roster's `username` (e.g. a Canvas custom field
`username=$Canvas.user.loginId` read as `custom_username`).
"""

c = get_config()  # noqa: F821

c.JupyterHub.authenticator_class = "ltiauthenticator.lti13.auth.LTI13Authenticator"
c.LTI13Authenticator.username_key = "custom_username"

# Canvas (Instructure's hosted Canvas; its developer documentation gives these):
c.LTI13Authenticator.issuer = "https://canvas.instructure.com"
c.LTI13Authenticator.authorize_url = "https://sso.canvaslms.com/api/lti/authorize_redirect"
c.LTI13Authenticator.jwks_endpoint = "https://sso.canvaslms.com/api/lti/security/jwks"
c.LTI13Authenticator.client_id = {"REPLACE-WITH-THE-CANVAS-DEVELOPER-KEY-ID"}

# Moodle: the tool registration page of your Moodle shows these (its host in place of example.edu):
# c.LTI13Authenticator.issuer = "https://moodle.example.edu"
# c.LTI13Authenticator.authorize_url = "https://moodle.example.edu/mod/lti/auth.php"
# c.LTI13Authenticator.jwks_endpoint = "https://moodle.example.edu/mod/lti/certs.php"
# c.LTI13Authenticator.client_id = {"REPLACE-WITH-THE-MOODLE-CLIENT-ID"}
