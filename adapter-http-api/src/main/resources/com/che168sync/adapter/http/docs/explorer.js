// The API explorer: the OpenAPI document needs a token like every endpoint, so the page asks for it first, loads
// /openapi with it, and hands it to Swagger UI, which sends it with every "Try it out" call.
(function () {
  var form = document.getElementById('token-bar');
  var message = document.getElementById('message');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var token = document.getElementById('token').value.trim();
    message.textContent = '';
    fetch('/openapi', {headers: {'Authorization': 'Bearer ' + token}})
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) {
            throw new Error(body.error ? body.error.message : 'HTTP ' + response.status);
          }
          return body;
        });
      })
      .then(function (spec) {
        spec.servers = [{url: window.location.origin}];
        var ui = SwaggerUIBundle({
          spec: spec,
          dom_id: '#swagger-ui',
          deepLinking: true,
          tryItOutEnabled: false,
          displayRequestDuration: true,
          persistAuthorization: false
        });
        ui.preauthorizeApiKey('bearer', token);
        window.che168ui = ui;
      })
      .catch(function (e) {
        message.textContent = 'The API did not accept it: ' + e.message;
      });
  });
})();
